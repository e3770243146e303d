// sign-valid and secret-not-sent: what each request carried. Pure.
import { capEvidence, count, evidenceOf } from './exchange';
import type { GradeInput, RuleResult } from './types';

/** sign-valid: every signed request carries a sign the fake accepts; a refusal names the mistake the fake recognised. */
export function signValid({ exchanges }: GradeInput): RuleResult {
  const signed = exchanges.filter((x) => x.rule !== null);
  if (signed.length === 0) return { id: 'sign-valid', status: 'n/a', message: 'No signed request to the External API.', evidence: [] };
  const refused = signed.filter((x) => x.signOk === false || (x.signOk === null && x.errorId === 'InvalidClient'));
  if (refused.length === 0) return { id: 'sign-valid', status: 'pass', message: `All ${count(signed.length, 'signed request')} carried a sign the fake accepted.`, evidence: [] };
  const why = (x: (typeof refused)[number]): string => {
    if (x.signOk === null) return `clientID ${JSON.stringify(x.clientId ?? x.fields.clientID ?? null)} is not a client the fake knows`;
    const refusal = x.signRefusal;
    if (!refusal) return 'sign refused';
    return `${refusal.hint ?? 'sign refused, no known mistake reproduces it'}; expected sha256 of "${refusal.expected}"`;
  };
  // The distinct mistakes, each once, in the message: one wrong field order refuses every earn the same way.
  const mistakes = [...new Set(refused.map((x) => `${x.rule}: ${why(x)}`))];
  return {
    id: 'sign-valid',
    status: 'fail',
    message: `${refused.length} of ${count(signed.length, 'signed request')} refused: ${mistakes.slice(0, 3).join(' | ')}${mistakes.length > 3 ? ` | and ${mistakes.length - 3} more` : ''}`,
    evidence: capEvidence(refused.map((x) => evidenceOf(x, why(x)))),
  };
}

/** secret-not-sent: the client secret never travels to MyValue outside the Auth API's token body, in any form. */
export function secretNotSent({ exchanges }: GradeInput): RuleResult {
  if (exchanges.length === 0) return { id: 'secret-not-sent', status: 'n/a', message: 'No request reached the fake.', evidence: [] };
  const leaked = exchanges.filter((x) => x.secretIn.length > 0);
  if (leaked.length === 0) return { id: 'secret-not-sent', status: 'pass', message: `The client secret was in none of ${count(exchanges.length, 'request')} (headers, query, body, path).`, evidence: [] };
  const places = [...new Set(leaked.flatMap((x) => x.secretIn))];
  return {
    id: 'secret-not-sent',
    status: 'fail',
    message: `The client secret travelled in ${count(leaked.length, 'request')}, in: ${places.slice(0, 5).join(', ')}${places.length > 5 ? ', ...' : ''}.`,
    evidence: capEvidence(leaked.map((x) => evidenceOf(x, `secret in ${x.secretIn.join(', ')}`))),
  };
}
