// When earned points expire (the docs' history examples: earned 2022-10-04 -> expires 2024-10-31T17:00:00Z,
// i.e. at midnight WIB (UTC+7) after the last day of the same month, two years later).

/** The expiry instant of points earned at `earnedAt`, as an ISO string without milliseconds. */
export function expiryOf(earnedAt: Date): string {
  const wib = new Date(earnedAt.getTime() + 7 * 3_600_000);
  const year = wib.getUTCFullYear() + 2;
  const month = wib.getUTCMonth();
  // First day of the next month, 00:00 WIB = 17:00 UTC of the month's last day.
  const expiry = Date.UTC(year, month + 1, 1) - 7 * 3_600_000;
  return new Date(expiry).toISOString().replace('.000Z', 'Z');
}
