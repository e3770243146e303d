// Pure functions over the signing table: the string to sign, the sign, its verification. No I/O.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { SignRule } from './rules';

/** Field values as received: query strings, or whatever JSON.parse gave for a body. */
export type SignFields = Readonly<Record<string, unknown>>;

export interface SignInput {
  clientId: string;
  clientSecret: string;
  fields: SignFields;
}

/**
 * How one field value is written into the string to sign: absent or null gives '',
 * numbers and booleans as JavaScript's String() writes them, strings exactly as sent.
 * The injected Postman hook applies the same rule (see hook-script.ts).
 */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** The field texts in the rule's order. */
export function fieldTexts(rule: SignRule, fields: SignFields): string[] {
  return rule.fields.map((name) => fieldText(fields[name]));
}

/**
 * The exact string hashed: clientID + clientSecret + f1 + f2 + ...
 * @example stringToSign(findRule('point.get')!, { clientId: 'GramediaPOS', clientSecret: 's3', fields: { valueID: 'VR8EPN' } })
 *   // 'GramediaPOSs3VR8EPN'
 */
export function stringToSign(rule: SignRule, input: SignInput): string {
  return input.clientId + input.clientSecret + fieldTexts(rule, input.fields).join('');
}

/** sha256 of the UTF-8 string, as lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * MyValue's sign for one request.
 * @example computeSign(findRule('user.get')!, { clientId: 'GramediaPOS', clientSecret: 'secret', fields: { by: 'valueid', value: 'VR8EPN' } })
 */
export function computeSign(rule: SignRule, input: SignInput): string {
  return sha256Hex(stringToSign(rule, input));
}

/** Constant-time comparison of a received sign with the expected lowercase hex digest. */
export function signsEqual(expected: string, received: unknown): boolean {
  const expectedBuf = Buffer.from(expected, 'utf8');
  const receivedBuf = Buffer.from(typeof received === 'string' ? received : '', 'utf8');
  if (receivedBuf.length !== expectedBuf.length) {
    timingSafeEqual(expectedBuf, expectedBuf);
    return false;
  }
  return timingSafeEqual(expectedBuf, receivedBuf);
}

/** True when `received` is the sign of this request. */
export function verifySign(rule: SignRule, input: SignInput, received: unknown): boolean {
  return signsEqual(computeSign(rule, input), received);
}

export const SECRET_MASK = '<clientSecret>';

/** Response header in which the fake says why it refused a sign (explainSign and diagnoseSign as JSON): the 401 body stays MyValue's own. */
export const SIGN_EXPLAIN_HEADER = 'x-myvalue-sign-explain';

export interface SignExplanation {
  rule: string;
  /** The string that was hashed, with the secret replaced by <clientSecret>. */
  maskedString: string;
  /** clientID, clientSecret (masked), then the rule's fields with the text each contributed. */
  order: Array<{ field: string; text: string }>;
}

/** What a partner needs to see why a sign differs, never the secret. */
export function explainSign(rule: SignRule, input: SignInput): SignExplanation {
  const texts = fieldTexts(rule, input.fields);
  return {
    rule: rule.name,
    maskedString: input.clientId + SECRET_MASK + texts.join(''),
    order: [
      { field: 'clientID', text: input.clientId },
      { field: 'clientSecret', text: SECRET_MASK },
      ...rule.fields.map((field, i) => ({ field, text: texts[i] ?? '' })),
    ],
  };
}
