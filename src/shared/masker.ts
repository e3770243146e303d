// Replaces secrets (client secret, tokens learned during a run) in any text the run writes,
// in the encodings they take in URLs, JSON, HTML and JUnit XML, mixed as writers mix them (src/shared/secret-forms.ts).
// Shared: the fake masks the client secrets it knows with it in what its journal shows (mocks/core/known-secrets.ts).
import { jsonEscaped, MIN_SECRET_LENGTH, secretNeedles, secretPattern } from './secret-forms';

export const MASK = '[masked]';

/** Any run of this many leading characters of a secret is masked on its own (a cut message keeps a prefix). */
export const PREFIX_LENGTH = 12;

/** `text` with every run of `form`'s first PREFIX_LENGTH or more characters masked, in one pass. */
function maskPrefix(text: string, form: string): string {
  const head = form.slice(0, PREFIX_LENGTH);
  let at = text.indexOf(head);
  if (at < 0) return text;
  // Pieces joined once: cutting the text at each hit copied it whole per hit, and a service can send
  // thousands of words that share a token's first characters.
  const pieces: string[] = [];
  let from = 0;
  while (at >= 0) {
    let end = at + PREFIX_LENGTH;
    for (let k = PREFIX_LENGTH; k < form.length && text[end] === form[k]; k++) end++;
    pieces.push(text.slice(from, at), MASK);
    from = end;
    at = text.indexOf(head, end);
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}

/**
 * What is left of a secret that a message cut short ("expected 'at-1a2b3c4d...' to equal"): any run
 * of its first PREFIX_LENGTH or more characters, as written or JSON-escaped, is masked too.
 */
function maskPrefixes(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) out = maskPrefix(out, form);
  return out;
}

/** The forms maskPrefixes looks for: each secret longer than PREFIX_LENGTH, as written and JSON-escaped. */
function prefixForms(secrets: ReadonlySet<string>): string[] {
  return [...new Set([...secrets].filter((secret) => secret.length > PREFIX_LENGTH).flatMap((secret) => [secret, jsonEscaped(secret)]))];
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
  let prefixes: string[] = [];
  let pattern: RegExp | undefined;
  // Texts without any needle skip the expression (most texts hold no secret; a plain search is far cheaper).
  let needles: string[] | undefined;
  // Built when a mask needs it, not on every add: the tokens of one answer cost one build, not one each
  // (a build reads every secret, so building per add grew with the square of an answer's tokens).
  let stale = false;
  const rebuild = (): void => {
    if (!stale) return;
    stale = false;
    pattern = secretPattern(secrets);
    needles = secretNeedles(secrets);
  };
  const masker: Masker = {
    add(secret, whole = false) {
      if (secret.length < MIN_SECRET_LENGTH) return false;
      if (!whole && !prefixed.has(secret)) {
        prefixed.add(secret);
        prefixes = prefixForms(prefixed);
      }
      if (!secrets.has(secret)) {
        secrets.add(secret);
        stale = true;
      }
      return true;
    },
    mask(text) {
      rebuild();
      const matches = pattern !== undefined && (needles === undefined || needles.some((needle) => text.includes(needle)));
      return maskPrefixes(matches && pattern ? text.replace(pattern, MASK) : text, prefixes);
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
