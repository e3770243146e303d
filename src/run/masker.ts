// Replaces secrets (client secret, tokens learned during a run) in any text the run writes,
// in the encodings they take in URLs, JSON, HTML and JUnit XML, mixed as writers mix them (src/shared/secret-forms.ts).
import { jsonEscaped, secretPattern } from '../shared/secret-forms';

export const MASK = '[masked]';

/** Any run of this many leading characters of a secret is masked on its own (a cut message keeps a prefix). */
export const PREFIX_LENGTH = 12;

/** Secrets shorter than this are not masked (they would blank out ordinary words); the run warns. */
export const MIN_SECRET_LENGTH = 4;

/**
 * What is left of a secret that a message cut short ("expected 'at-1a2b3c4d...' to equal"): any run
 * of its first PREFIX_LENGTH or more characters, as written or JSON-escaped, is masked too.
 */
function maskPrefixes(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length <= PREFIX_LENGTH) continue;
    for (const form of new Set([secret, jsonEscaped(secret)])) {
      const head = form.slice(0, PREFIX_LENGTH);
      for (let at = out.indexOf(head); at >= 0; at = out.indexOf(head, at + MASK.length)) {
        let end = at + PREFIX_LENGTH;
        for (let k = PREFIX_LENGTH; k < form.length && out[end] === form[k]; k++) end++;
        out = `${out.slice(0, at)}${MASK}${out.slice(end)}`;
      }
    }
  }
  return out;
}

export interface Masker {
  /**
   * Adds a secret; returns false when it is too short to mask safely. `whole` masks only its full
   * forms, not its prefixes (for composites such as `id:secret`, whose head is the public client id).
   */
  add(secret: string, whole?: boolean): boolean;
  mask(text: string): string;
  /** How many distinct secrets are masked. */
  readonly size: number;
}

/**
 * A masker that learns secrets as a run goes.
 * @example const masker = createMasker(['client-secret']); masker.mask('...client-secret...') // '...[masked]...'
 */
export function createMasker(initial: readonly string[] = [], wholeOnly: readonly string[] = []): Masker {
  const secrets = new Set<string>();
  /** The secrets whose prefixes are masked too (all but the `whole` ones). */
  const prefixed = new Set<string>();
  let pattern: RegExp | undefined;
  const rebuild = (): void => {
    pattern = secretPattern(secrets);
  };
  const masker: Masker = {
    add(secret, whole = false) {
      if (secret.length < MIN_SECRET_LENGTH) return false;
      if (!whole) prefixed.add(secret);
      if (!secrets.has(secret)) {
        secrets.add(secret);
        rebuild();
      }
      return true;
    },
    mask(text) {
      return maskPrefixes(pattern ? text.replace(pattern, MASK) : text, prefixed);
    },
    get size() {
      return secrets.size;
    },
  };
  for (const secret of initial) masker.add(secret);
  for (const secret of wholeOnly) masker.add(secret, true);
  return masker;
}

/** Keys that hold a token (access_token, refresh_token, idToken, token), not its description (token_type, token_type_hint). */
const TOKEN_KEY = /(?:token|^(?:access|refresh|id)[_-]?token[_-]?(?:value)?)$/i;
const BEARER = /\bBearer\s+([A-Za-z0-9\-._~+/]+=*)/g;

/**
 * Token-like strings in a JSON body (values of keys naming a token) and bearer tokens in text.
 * @example findTokens('{"access_token":"abc123xyz"}') // ['abc123xyz']
 */
export function findTokens(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(BEARER)) if (match[1]) found.add(match[1]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [...found];
  }
  // Without recursion: a server's body may be nested deeper than the stack, and a token there is still found.
  const stack: Array<[unknown, string]> = [[json, '']];
  while (stack.length > 0) {
    const [value, key] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (TOKEN_KEY.test(key) && value.length >= MIN_SECRET_LENGTH) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push([item, key]);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push([v, k]);
    }
  }
  return [...found];
}
