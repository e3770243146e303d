// Small helpers for text and parsed JSON, shared by the fake and the harness.

/** An error message on one line, whatever the library wrote; cut at `max` characters. */
export function oneLine(message: string, max = 200): string {
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
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
