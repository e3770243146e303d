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
