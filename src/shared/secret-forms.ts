// The forms a secret takes in text a program wrote (raw, JSON-escaped, \u escapes, base64, URL- and
// HTML-encoded, mixed as writers mix them): one definition for the run's masker (src/shared/masker.ts),
// which replaces them, and the fake's certification (mocks/certify/), which looks for them on the wire.

/** Secrets shorter than this are neither masked nor looked for (they would match ordinary words); a run warns. */
export const MIN_SECRET_LENGTH = 4;

// Each character that HTML or XML writers escape, with every spelling they use (xmlbuilder leaves '>' as is,
// Handlebars writes &#x27; and &#x3D;, others &#39; or &quot;): a secret matches whichever mix a writer chose.
const ENTITIES: Record<string, string[]> = {
  '&': ['&amp;', '&#38;', '&#x26;'],
  '<': ['&lt;', '&#60;', '&#x3C;', '&#x3c;'],
  '>': ['&gt;', '&#62;', '&#x3E;', '&#x3e;'],
  '"': ['&quot;', '&#34;', '&#x22;'],
  "'": ['&#39;', '&#x27;', '&apos;'],
  '`': ['&#96;', '&#x60;'],
  '=': ['&#61;', '&#x3D;', '&#x3d;'],
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Spellings of one character: itself, its HTML entities, its percent-encoding (either case), '+' for a space. */
function spellings(c: string): string[] {
  const percent = encodeURIComponent(c);
  const all = new Set([c, ...(ENTITIES[c] ?? [])]);
  if (percent !== c) {
    all.add(percent);
    all.add(percent.toLowerCase());
  }
  if (c === ' ') all.add('+');
  return [...all];
}

/**
 * Regex source matching `text` with each character written in any of its spellings, so a secret is found
 * whatever mix of URL-encoding (postman-url-encoder leaves '/' and '+' alone) and HTML-escaping a writer used.
 */
function tolerant(text: string): string {
  return [...text]
    .map((c) => {
      const options = spellings(c);
      return options.length === 1 ? escapeRegExp(c) : `(?:${options.map(escapeRegExp).join('|')})`;
    })
    .join('');
}

/** The text inside the quotes of a JSON string. */
export function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function unicodeEscaped(text: string, upper: boolean): string {
  return jsonEscaped(text).replace(/[\u007f-\uffff]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });
}

/** The textual forms of one secret (raw, JSON string, \u escapes, JSON in JSON, base64); each is then matched tolerantly. */
export function encodedForms(secret: string): string[] {
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  const forms = new Set<string>([
    secret, jsonEscaped(secret), unicodeEscaped(secret, false), unicodeEscaped(secret, true), jsonEscaped(jsonEscaped(secret)),
    // base64 and base64url (an Authorization: Basic header, a token in a cookie), with and without padding.
    base64, base64.replace(/=+$/, ''), Buffer.from(secret, 'utf8').toString('base64url'),
  ]);
  return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * One regex matching every form of every secret (longest first), or undefined when there is none.
 * @example secretPattern(['s3cr3t-value'])?.test('x-key: czNjcjN0LXZhbHVl') // true (base64)
 */
export function secretPattern(secrets: Iterable<string>, flags = 'g'): RegExp | undefined {
  const forms = new Set<string>();
  for (const secret of secrets) for (const form of encodedForms(secret)) forms.add(form);
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return sorted.length === 0 ? undefined : new RegExp(sorted.map(tolerant).join('|'), flags);
}

/**
 * The longest run of `form` whose characters have one spelling each (letters, digits, `-_.~!*()`): every
 * match of the form holds it as written, so a text without it holds no match ('' when there is none).
 */
function needleOf(form: string): string {
  let best = '';
  let run = '';
  for (const c of form) {
    run = spellings(c).length === 1 ? run + c : '';
    if (run.length > best.length) best = run;
  }
  return best;
}

/**
 * Plain substrings one of which every match of secretPattern(secrets) holds: a text holding none of them
 * skips the expression (most texts hold no secret; a plain search is far cheaper). Undefined when some
 * form has no such substring (then every text is searched).
 */
export function secretNeedles(secrets: Iterable<string>): string[] | undefined {
  const found = new Set<string>();
  for (const secret of secrets) for (const form of encodedForms(secret)) found.add(needleOf(form));
  return found.has('') ? undefined : [...found];
}
