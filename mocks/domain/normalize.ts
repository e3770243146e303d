// How the fake compares emails and phone numbers (MyValue's docs are silent; see README).

/** Emails compare case-insensitively, without surrounding spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Indonesian numbers compare by their national part: '+62 812-3456', '62812...', '0812...' and
 * '812...' are one number. Only digits are kept.
 */
export function normalizePhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('62')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  return digits;
}

/** An address the fake accepts: something@domain.tld, no spaces. */
export function isEmailAddress(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/** A phone number the fake accepts: 8 to 13 digits in its national part. */
export function isPhoneNumber(phone: string): boolean {
  return /^\d{8,13}$/.test(normalizePhone(phone));
}

/** International form of a stored national number, as MyValue's mobilePhone fields show it. */
export function displayPhone(phone: string | null): string | undefined {
  return phone ? `62${phone}` : undefined;
}
