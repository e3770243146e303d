// Guesses why a received sign is wrong by recomputing it with the usual partner mistakes.
// Runs only on a 401, so a few dozen extra hashes cost nothing where it matters.
import type { SignRule } from './rules';
import { fieldText, fieldTexts, sha256Hex, type SignInput } from './sign';

export interface SignDiagnosis {
  /** Rule fields that were absent from the request (they count as ''). */
  absent: string[];
  /** Received fields that the rule does not sign. */
  unsigned: string[];
  /** A likely mistake, when one reproduced the received sign exactly. */
  hint?: string;
}

const IGNORED = new Set(['clientID', 'sign']);

/** Compares the received sign against signs built with common mistakes. */
export function diagnoseSign(rule: SignRule, input: SignInput, received: unknown): SignDiagnosis {
  const absent = rule.fields.filter((field) => input.fields[field] === undefined || input.fields[field] === null);
  const unsigned = Object.keys(input.fields).filter((key) => !IGNORED.has(key) && !rule.fields.includes(key));
  const result: SignDiagnosis = { absent, unsigned };
  if (typeof received !== 'string' || received.length === 0) {
    result.hint = 'no sign was sent';
    return result;
  }
  const texts = fieldTexts(rule, input.fields);
  const head = input.clientId + input.clientSecret;
  const expected = sha256Hex(head + texts.join(''));
  if (received !== expected && received.toLowerCase() === expected) {
    result.hint = 'the sign must be lowercase hex';
    return result;
  }
  const candidates: Array<[string, string]> = [];
  texts.forEach((_, i) => {
    const field = rule.fields[i] ?? '';
    if (texts[i] === '') return;
    candidates.push([`field "${field}" seems left out of the string you hashed`, head + texts.filter((__, j) => j !== i).join('')]);
  });
  for (const extra of unsigned) {
    const text = fieldText(input.fields[extra]);
    candidates.push([`"${extra}" seems included in the string you hashed, but this rule does not sign it`, head + texts.join('') + text]);
    candidates.push([`"${extra}" seems included in the string you hashed, but this rule does not sign it`, head + text + texts.join('')]);
  }
  candidates.push(['the client secret seems left out of the string you hashed', input.clientId + texts.join('')]);
  candidates.push(['the clientID seems left out of the string you hashed', input.clientSecret + texts.join('')]);
  const sorted = [...rule.fields].sort();
  candidates.push([`fields seem hashed in alphabetical order; the order is ${rule.fields.join(', ')}`, head + sorted.map((f) => fieldText(input.fields[f])).join('')]);
  candidates.push(['fields seem hashed in reverse order', head + [...texts].reverse().join('')]);
  // Two fields in each other's place (referenceNo before amount): at most 28 more hashes for the longest rule.
  texts.forEach((_, i) => {
    for (let j = i + 1; j < texts.length; j++) {
      if (texts[i] === texts[j]) continue;
      const swapped = [...texts];
      [swapped[i], swapped[j]] = [texts[j] as string, texts[i] as string];
      candidates.push([`fields "${rule.fields[i]}" and "${rule.fields[j]}" seem swapped; the order is ${rule.fields.join(', ')}`, head + swapped.join('')]);
    }
  });
  const lowered = received.toLowerCase();
  for (const [hint, text] of candidates) {
    if (sha256Hex(text) === lowered) {
      result.hint = hint;
      return result;
    }
  }
  return result;
}
