// A seed user's password is hashed once per process (seedPasswordHash): each test makes a fresh fake,
// and scrypt was most of what making one cost. What a user of the fake notices stays: each seed user logs
// in with its password and no other, each user has a salt of its own, and a changed password is hashed anew.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, loadSeed, type Fake, type Seed } from '../../mocks/create-fake';
import { checkPassword } from '../../mocks/domain/passwords';

/** The stored hash of the user with this valueID. */
function storedHash(fake: Fake, valueID: string): string {
  return fake.deps.store.db.prepare('SELECT password_hash FROM users WHERE value_id = ?').pluck().get(valueID) as string;
}

/** The shipped seed with two more users who share a password, and `changed` as the second one's own. */
function seedWith(changed = 'made-up-shared-password'): Seed {
  const seed = loadSeed();
  const extra = (valueID: string, email: string, password: string): Seed['users'][number] => ({ valueID, email, firstName: 'Seed', password, history: [] });
  seed.users.push(extra('SEEDPW1', 'seed.one@example.test', 'made-up-shared-password'), extra('SEEDPW2', 'seed.two@example.test', changed));
  return seed;
}

function withFakes<T>(seeds: Seed[], body: (fakes: Fake[]) => T): T {
  const fakes = seeds.map((seed) => createFakeMyValue({ seed }));
  try {
    return body(fakes);
  } finally {
    for (const fake of fakes) fake.close();
  }
}

describe('seed users\' passwords', () => {
  it('two fakes of one seed store the same hash, and each checks the password against it: right passes, wrong fails', () => {
    withFakes([seedWith(), seedWith()], ([a, b]) => {
      expect(storedHash(a!, 'SEEDPW1')).toBe(storedHash(b!, 'SEEDPW1'));
      expect(checkPassword('made-up-shared-password', storedHash(b!, 'SEEDPW1'))).toBe(true);
      expect(checkPassword('made-up-shared-passwore', storedHash(b!, 'SEEDPW1'))).toBe(false);
    });
  });

  it('two users with the same password have hashes of their own (their own salts)', () => {
    withFakes([seedWith()], ([fake]) => {
      const [one, two] = [storedHash(fake!, 'SEEDPW1'), storedHash(fake!, 'SEEDPW2')];
      expect(one.split('$')[1]).not.toBe(two.split('$')[1]);
      expect(checkPassword('made-up-shared-password', two)).toBe(true);
    });
  });

  it('a seed that gives a user another password: hashed anew, the old password no longer passes', () => {
    withFakes([seedWith(), seedWith('made-up-other-password')], ([before, after]) => {
      const hash = storedHash(after!, 'SEEDPW2');
      expect(hash).not.toBe(storedHash(before!, 'SEEDPW2'));
      expect(checkPassword('made-up-other-password', hash)).toBe(true);
      expect(checkPassword('made-up-shared-password', hash)).toBe(false);
    });
  });
});
