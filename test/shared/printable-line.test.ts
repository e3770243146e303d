// printableLine and printableJson: every control character a terminal or a line reader acts on is escaped;
// printable text (accents, emoji, backslashes) is left as it is, and escaping twice is escaping once.
import { describe, expect, it } from 'vitest';
import { printableJson, printableLine } from '../../src/shared/text';

describe('printableLine', () => {
  it.each([
    ['a\nb', String.raw`a\nb`],
    ['a\r\nb\tc', String.raw`a\r\nb\tc`],
    ['\x1b[31mred\x1b[0m', String.raw`\x1b[31mred\x1b[0m`],
    ['\x00\x7f\x85\x9b', String.raw`\x00\x7f\x85\x9b`],
    ['line\u2028para\u2029', String.raw`line\u2028para\u2029`],
    ['\u202eevil\u2066', String.raw`\u202eevil\u2066`],
    ['Kopi Susu é ☕ C:\\path', 'Kopi Susu é ☕ C:\\path'],
  ])('%j -> %s', (text, shown) => {
    expect(printableLine(text)).toBe(shown);
    expect(printableLine(printableLine(text))).toBe(shown);
  });
});

describe('printableJson', () => {
  it('has no control character and parses back to the same value', () => {
    const value = { note: 'a\nb\x1b]0;t\x07\x7f\x85\u2028\u2029\u202e é ☕' };
    const line = printableJson(value);
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(line)).toEqual(value);
  });
});
