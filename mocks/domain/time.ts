// Timestamps as MyValue writes them: ISO 8601 in UTC without milliseconds.
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
