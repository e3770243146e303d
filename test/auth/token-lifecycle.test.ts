// Codes and tokens through the core: single use, expiry on an injected clock, client and redirect binding,
// refresh with rotation, introspect errors. Bodies stay MyValue's; the explain header says why.
import { describe, expect, test } from 'vitest';
import { AUTH_EXPLAIN_HEADER } from '../../mocks/auth/token-api';
import { hashSecret } from '../../mocks/auth/secrets';
import { adminCode, CLIENT, exchange, introspect, newFake, OTHER, OTHER_REDIRECT, postForm, postJson, REDIRECT } from './helpers';

const SAT001 = { id: 'SAT001', detail: 'Credential yang Anda masukkan salah', errorCode: 401 };
const SAT003 = { id: 'SAT003', detail: 'Token yang Anda masukkan salah', errorCode: 401 };
const INVALID_CLIENT = { id: 'InvalidClient', detail: 'Client salah', errorCode: 400 };

interface Tokens {
  access_token: string;
  refresh_token: string;
}

const refresh = (fake: ReturnType<typeof newFake>['fake'], token: string, client: { clientId: string; clientSecret: string } = CLIENT) =>
  postJson(fake, '/auth/token/', { grant_type: 'refresh_token', client_id: client.clientId, client_secret: client.clientSecret, refresh_token: token });

describe('authorization code', () => {
  test('exchanges once for the documented token fields', () => {
    const { fake } = newFake();
    const res = exchange(fake, adminCode(fake));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]{43}\.[\w-]{43}$/),
      refresh_token: expect.stringMatching(/^[\w-]{43}\.[\w-]{43}$/),
      token_type: 'bearer',
      expires_in: 86_399,
      refresh_expires_in: 31_622_400,
      id_token: '',
      not_before_policy: 0,
      session_state: '',
    });
  });

  test('a used code gives SAT001', () => {
    const { fake } = newFake();
    const code = adminCode(fake);
    expect(exchange(fake, code).status).toBe(200);
    const again = exchange(fake, code);
    expect(again.status).toBe(401);
    expect(again.body).toEqual(SAT001);
    expect(again.headers[AUTH_EXPLAIN_HEADER]).toBe('authorization code was already used; 2 token(s) issued from it are now revoked (RFC 6749 4.1.2)');
  });

  test('a code used again revokes every token issued from it, refreshed ones too, and nothing else (RFC 6749 4.1.2)', () => {
    const { fake } = newFake();
    const code = adminCode(fake);
    const first = exchange(fake, code).body as Tokens;
    const refreshed = refresh(fake, first.refresh_token).body as Tokens;
    const bystander = exchange(fake, adminCode(fake, { user_id: 'bu-user-2', email: 'eko@example.test' })).body as Tokens;
    expect(introspect(fake, refreshed.access_token).status).toBe(200);
    const replay = exchange(fake, code);
    expect(replay.body).toEqual(SAT001);
    // The first pair's refresh token was spent by the refresh: the live access tokens and the live refresh token go.
    expect(replay.headers[AUTH_EXPLAIN_HEADER]).toBe('authorization code was already used; 3 token(s) issued from it are now revoked (RFC 6749 4.1.2)');
    for (const token of [first.access_token, refreshed.access_token]) expect(introspect(fake, token).body).toEqual(SAT003);
    expect(refresh(fake, refreshed.refresh_token).body).toEqual(SAT001);
    expect(introspect(fake, bystander.access_token).status).toBe(200);
    expect(refresh(fake, bystander.refresh_token).status).toBe(200);
  });

  test('a used code presented by another client is refused and revokes nothing', () => {
    const { fake } = newFake();
    const code = adminCode(fake);
    const tokens = exchange(fake, code).body as Tokens;
    const other = exchange(fake, code, { client_id: OTHER.clientId, client_secret: OTHER.clientSecret, redirect_uri: OTHER_REDIRECT });
    expect(other.body).toEqual(SAT001);
    expect(other.headers[AUTH_EXPLAIN_HEADER]).toBe('authorization code was already used (by another client)');
    expect(introspect(fake, tokens.access_token).status).toBe(200);
  });

  test('an unknown code gives SAT001', () => {
    const { fake } = newFake();
    adminCode(fake);
    const res = exchange(fake, 'not-a-code.issued-here');
    expect(res.body).toEqual(SAT001);
    expect(res.headers[AUTH_EXPLAIN_HEADER]).toBe('unknown authorization code');
  });

  test('expires after codeTtlSeconds (default 60) on the injected clock', () => {
    const { fake, clock } = newFake();
    const early = adminCode(fake);
    const late = adminCode(fake, { user_id: 'bu-user-2', email: 'other@example.test' });
    clock.advance(59);
    expect(exchange(fake, early).status).toBe(200);
    clock.advance(1);
    const res = exchange(fake, late);
    expect(res.body).toEqual(SAT001);
    expect(res.headers[AUTH_EXPLAIN_HEADER]).toMatch(/^authorization code expired/);
  });

  test('codeTtlSeconds is a setting', () => {
    const { fake, clock } = newFake({ codeTtlSeconds: 5 });
    const code = adminCode(fake);
    clock.advance(5);
    expect(exchange(fake, code).body).toEqual(SAT001);
  });

  test('a code issued to another client gives SAT001, and stays usable by its own client', () => {
    const { fake } = newFake();
    const code = adminCode(fake);
    const res = exchange(fake, code, { client_id: OTHER.clientId, client_secret: OTHER.clientSecret, redirect_uri: OTHER_REDIRECT });
    expect(res.body).toEqual(SAT001);
    expect(res.headers[AUTH_EXPLAIN_HEADER]).toBe('authorization code was issued to another client');
    expect(exchange(fake, code).status).toBe(200);
  });

  test('another redirect_uri gives SAT001, and the code stays usable with the right one', () => {
    const { fake } = newFake();
    const code = adminCode(fake);
    const res = exchange(fake, code, { redirect_uri: `${REDIRECT}/other` });
    expect(res.body).toEqual(SAT001);
    expect(res.headers[AUTH_EXPLAIN_HEADER]).toBe('redirect_uri differs from the one the code was issued for');
    expect(exchange(fake, code).status).toBe(200);
  });

  test.each([
    ['a wrong client_secret', { client_secret: 'wrong-secret' }, 'client_secret does not match client_id'],
    ['an unknown client_id', { client_id: 'NoSuchClient' }, 'unknown client_id'],
    ['no client_id', { client_id: undefined }, 'client_id is missing'],
  ])('%s gives 400 InvalidClient "Client salah"', (_name, overrides, reason) => {
    const { fake } = newFake();
    const code = adminCode(fake);
    const res = exchange(fake, code, overrides);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(INVALID_CLIENT);
    expect(res.headers[AUTH_EXPLAIN_HEADER]).toBe(reason);
    expect(exchange(fake, code).status).toBe(200);
  });

  test('an unsupported grant_type or a missing field names the problem', () => {
    const { fake } = newFake();
    expect(exchange(fake, 'x', { grant_type: 'password' }).body).toMatchObject({ id: 'ErrValidation', detail: expect.stringContaining('grant_type must be one of') });
    expect(exchange(fake, 'x', { code: undefined }).body).toMatchObject({ id: 'ErrValidation', detail: 'code is required for grant_type authorization_code' });
    expect(exchange(fake, 'x', { redirect_uri: undefined }).body).toMatchObject({ id: 'ErrValidation', detail: 'redirect_uri is required for grant_type authorization_code' });
  });

  test('form-encoded bodies are accepted as well as JSON; malformed JSON gets the error shape', () => {
    const { fake } = newFake();
    const code = adminCode(fake);
    const res = postForm(fake, '/auth/token', { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code, redirect_uri: REDIRECT });
    expect(res.status).toBe(200);
    const bad = fake.handle({ method: 'POST', path: '/auth/token/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: '{"grant_type":', origin: 'http://x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ id: 'ErrMalformedJSON', errorCode: 400 });
  });

  test('the store keeps only hashes of codes and tokens', () => {
    const { fake } = newFake();
    const code = adminCode(fake);
    const tokens = exchange(fake, code).body as Tokens;
    const db = fake.deps.store.db;
    const dump = JSON.stringify([db.prepare('SELECT * FROM auth_codes').all(), db.prepare('SELECT * FROM tokens').all()]);
    for (const secret of [code, tokens.access_token, tokens.refresh_token]) {
      expect(dump).not.toContain(secret);
      expect(dump).toContain(hashSecret(secret));
    }
  });
});

describe('refresh_token grant', () => {

  test('gives a new pair for the same user and spends the old refresh token', () => {
    const { fake } = newFake();
    const first = exchange(fake, adminCode(fake)).body as Tokens;
    const res = refresh(fake, first.refresh_token);
    expect(res.status).toBe(200);
    const second = res.body as Tokens;
    expect(second.access_token).not.toBe(first.access_token);
    expect((introspect(fake, second.access_token).body as { valueID: string }).valueID).toBe((introspect(fake, first.access_token).body as { valueID: string }).valueID);
    const reused = refresh(fake, first.refresh_token);
    expect(reused.body).toEqual(SAT001);
    expect(reused.headers[AUTH_EXPLAIN_HEADER]).toMatch(/already used .*single-use/);
  });

  test('a spent refresh token presented again revokes its whole family, the live pair included; other families stay', () => {
    const { fake } = newFake();
    const first = exchange(fake, adminCode(fake)).body as Tokens;
    const second = refresh(fake, first.refresh_token).body as Tokens;
    const third = refresh(fake, second.refresh_token).body as Tokens;
    const bystander = exchange(fake, adminCode(fake, { user_id: 'bu-user-2', email: 'eko@example.test' })).body as Tokens;
    // An attacker (or the client, after a lost answer) replays the second refresh token, spent by the third pair.
    const replay = refresh(fake, second.refresh_token);
    expect(replay.body).toEqual(SAT001);
    expect(replay.headers[AUTH_EXPLAIN_HEADER]).toBe('refresh token was already used (a refresh token is single-use); 4 token(s) of its family are now revoked');
    for (const token of [first.access_token, second.access_token, third.access_token]) expect(introspect(fake, token).body).toEqual(SAT003);
    expect(refresh(fake, third.refresh_token).body).toEqual(SAT001);
    expect(introspect(fake, bystander.access_token).status).toBe(200);
    // Replaying it again finds nothing more to revoke.
    expect(refresh(fake, second.refresh_token).headers[AUTH_EXPLAIN_HEADER]).toMatch(/ 0 token\(s\) of its family/);
  });

  test('a spent refresh token presented by another client is refused and revokes nothing', () => {
    const { fake } = newFake();
    const first = exchange(fake, adminCode(fake)).body as Tokens;
    const second = refresh(fake, first.refresh_token).body as Tokens;
    expect(refresh(fake, first.refresh_token, OTHER).body).toEqual(SAT001);
    expect(introspect(fake, second.access_token).status).toBe(200);
    expect(refresh(fake, second.refresh_token).status).toBe(200);
  });

  test('refused for another client, an access token, or after refreshTokenTtlSeconds', () => {
    const { fake, clock } = newFake({ refreshTokenTtlSeconds: 100 });
    const tokens = exchange(fake, adminCode(fake)).body as Tokens;
    expect(refresh(fake, tokens.refresh_token, OTHER).body).toEqual(SAT001);
    expect(refresh(fake, tokens.access_token).body).toEqual(SAT001);
    clock.advance(100);
    expect(refresh(fake, tokens.refresh_token).body).toEqual(SAT001);
  });
});

describe('introspect', () => {
  test('shows the user behind the token', () => {
    const { fake } = newFake();
    const tokens = exchange(fake, adminCode(fake)).body as Tokens;
    const res = introspect(fake, tokens.access_token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valueID: expect.stringMatching(/^V[A-Z0-9]{5}$/), email: 'ani.wijaya@example.test', firstName: 'Ani Wijaya' });
  });

  test('an access token expires after accessTokenTtlSeconds (= expires_in)', () => {
    const { fake, clock } = newFake({ accessTokenTtlSeconds: 300 });
    const res = exchange(fake, adminCode(fake));
    expect((res.body as { expires_in: number }).expires_in).toBe(300);
    const token = (res.body as Tokens).access_token;
    clock.advance(299);
    expect(introspect(fake, token).status).toBe(200);
    clock.advance(1);
    const expired = introspect(fake, token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(SAT003);
    expect(expired.headers[AUTH_EXPLAIN_HEADER]).toMatch(/^access token expired/);
  });

  test('an unknown token or a refresh token gives SAT003; a missing one names the field', () => {
    const { fake } = newFake();
    const tokens = exchange(fake, adminCode(fake)).body as Tokens;
    expect(introspect(fake, 'made-up-token').body).toEqual(SAT003);
    expect(introspect(fake, tokens.refresh_token).body).toEqual(SAT003);
    expect(postJson(fake, '/auth/introspect', {}).body).toMatchObject({ id: 'ErrValidation', detail: 'access_token is required' });
  });

  test('a reset voids every token', () => {
    const { fake } = newFake();
    const tokens = exchange(fake, adminCode(fake)).body as Tokens;
    fake.reset();
    expect(introspect(fake, tokens.access_token).body).toEqual(SAT003);
  });
});
