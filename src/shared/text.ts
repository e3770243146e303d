// Small helpers for text and parsed JSON, shared by the fake and the harness.

/** An error message on one line, whatever the library wrote; cut at `max` characters. */
export function oneLine(message: string, max = 200): string {
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * A value as ES5 script text, for anything a client sent or a collection holds that goes into a
 * generated Postman script: JSON, with U+2028 and U+2029 escaped too (JSON leaves them raw, and ES5,
 * which the generated scripts keep to, reads them as line ends inside a string).
 * @example `pm.test.skip(${scriptJson(name)}, function () {});`
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON.parse's message with the line and column of its position ('... at position 12' -> '... (line 2, column 3)'). */
export function jsonErrorAt(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  const reason = message.replace(/\s*(in JSON )?at position \d+.*$/, '');
  if (!at) return reason;
  const before = text.slice(0, Number(at[1]));
  return `${reason} (line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')})`;
}

/**
 * What is wrong with parsed JSON, found without recursion (a value of any depth cannot exhaust the
 * stack): nesting deeper than `maxDepth` levels, or what `textProblem` says of a string or a key
 * (given where it is: 'at /a/0' or 'in a key at /a').
 * The reason names where, as a path: 'is nested deeper than 32 levels (at /a/0/b)'.
 * @example jsonProblem(JSON.parse(text), 32) // undefined, or why nothing recursive should read it
 */
export function jsonProblem(root: unknown, maxDepth: number, textProblem?: (text: string, where: string) => string | undefined): string | undefined {
  const stack: Array<{ value: unknown; depth: number; at: string }> = [{ value: root, depth: 1, at: '' }];
  while (stack.length > 0) {
    const { value, depth, at } = stack.pop() as { value: unknown; depth: number; at: string };
    if (typeof value === 'string') {
      const problem = textProblem?.(value, `at ${at || '/'}`);
      if (problem !== undefined) return problem;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return `is nested deeper than ${maxDepth} levels (at ${at})`;
    for (const [key, child] of Object.entries(value)) {
      const problem = textProblem?.(key, `in a key at ${at || '/'}`);
      if (problem !== undefined) return problem;
      stack.push({ value: child, depth: depth + 1, at: `${at}/${key.length > 40 ? `${key.slice(0, 40)}...` : key}` });
    }
  }
  return undefined;
}

/**
 * Characters a terminal or a line-based log reader acts on instead of showing: C0 (line feed, carriage
 * return, ESC that starts colour and title sequences), DEL, C1 (NEL, CSI), the Unicode line and paragraph
 * separators (JavaScript and some viewers break lines there), and the bidi embeddings, overrides and
 * isolates (they reorder what a line shows).
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (ch: string, width: number): string => ch.charCodeAt(0).toString(16).padStart(width, '0');

/**
 * Text safe to print as (part of) one log line: each control character shown as its escape (`\n`, `\x1b`,
 * `\u2028`), everything else as it was. A backslash stays as it is, so the text of a line already escaped
 * is unchanged: escaping twice is escaping once.
 * @example printableLine('REF\n2030-01-01 forged') // 'REF\\n2030-01-01 forged'
 */
export function printableLine(text: string): string {
  return text.replace(CONTROLS, (ch) => NAMED[ch] ?? (ch <= '\u00ff' ? `\\x${hex(ch, 2)}` : `\\u${hex(ch, 4)}`));
}

/**
 * One JSON line whose every character is printable: JSON.stringify escapes C0 already; the others above
 * become `\uXXXX`, which parses back to the same value (they can only stand inside a JSON string).
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value).replace(CONTROLS, (ch) => `\\u${hex(ch, 4)}`);
}
