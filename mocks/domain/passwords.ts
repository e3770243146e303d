// Password hashing for the fake's SSO users: scrypt with a low cost, since this is a local fake.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const COST = { N: 1024, r: 8, p: 1 } as const;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, COST);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Seed users' hashes by user and password (seedPasswordHash), at most this many. */
const seedHashes = new Map<string, string>();
const MAX_SEED_HASHES = 1024;

/**
 * The stored hash of a seed user's password, made once per process for that user and password: a test
 * suite makes a fresh fake for each test, and hashing the seed's passwords was most of what making one
 * cost. Each user still has a salt of its own; a password that differs is hashed anew.
 */
export function seedPasswordHash(user: string, password: string): string {
  const key = JSON.stringify([user, password]);
  let hash = seedHashes.get(key);
  if (hash === undefined) {
    hash = hashPassword(password);
    if (seedHashes.size >= MAX_SEED_HASHES) seedHashes.delete(seedHashes.keys().next().value as string);
    seedHashes.set(key, hash);
  }
  return hash;
}

/** A stand-in hash for accounts that do not exist or have no password: the check costs the same. */
const NO_PASSWORD = hashPassword(randomBytes(16).toString('hex'));

/**
 * True when `password` matches the stored hash. An unknown account (`stored` undefined or null), or
 * one without a password, does the same scrypt work and is false: the time does not tell them apart.
 */
export function checkPassword(password: string, stored: string | null | undefined): boolean {
  const usable = typeof stored === 'string' && /^scrypt\$[0-9a-f]+\$[0-9a-f]+$/.test(stored);
  const [, saltHex, hashHex] = (usable ? stored : NO_PASSWORD).split('$') as [string, string, string];
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length, COST);
  return timingSafeEqual(expected, actual) && usable;
}

/** Two secrets compared in constant time (their sha256 digests: equal length whatever the input). */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}
