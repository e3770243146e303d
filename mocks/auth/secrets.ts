// Codes and tokens: random, URL-safe, shaped like MyValue's ("<43 chars>.<43 chars>"); only their hashes are stored.
import { createHash, randomBytes } from 'node:crypto';

/** A fresh code or token: two base64url halves joined by a dot, as in the guide's examples. */
export function newSecret(): string {
  return `${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
}

/** What the store keeps instead of the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
