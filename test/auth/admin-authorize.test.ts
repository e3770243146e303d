// POST /__admin/authorize: maps as the page would and returns a code, for runs without a browser.
import { describe, expect, test } from 'vitest';
import { CLIENT, exchange, introspect, newFake, postJson, REDIRECT, SEEDED, thirdParty } from './helpers';
import type { Fake } from '../../mocks/create-fake';

const authorize = (fake: Fake, body: Record<string, unknown>) =>
  postJson(fake, '/__admin/authorize', { client_id: CLIENT.clientId, user_id: 'bu-admin-1', redirect_uri: REDIRECT, full_name: 'Dewi Anggraini', email: 'dewi@example.test', ...body });

function userOf(fake: Fake, code: string): Record<string, unknown> {
  const tokens = exchange(fake, code).body as { access_token: string };
  return introspect(fake, tokens.access_token).body as Record<string, unknown>;
}

describe('/__admin/authorize', () => {
  test('no account anywhere: creates a password-less MyValue user linked by a Third Party membership', () => {
    const { fake } = newFake();
    const res = authorize(fake, {});
    expect(res.status).toBe(200);
    const body = res.body as { code: string; scope: string; valueID: string };
    expect(body).toEqual({ code: expect.stringMatching(/^[\w-]+\.[\w-]+$/), scope: 'fosite offline openid', valueID: expect.stringMatching(/^V[A-Z0-9]{5}$/) });
    const user = userOf(fake, body.code);
    expect(user).toMatchObject({ valueID: body.valueID, email: 'dewi@example.test', firstName: 'Dewi Anggraini', setPassword: false });
    expect(thirdParty(user)).toEqual([expect.objectContaining({ memberNo: 'bu-admin-1', email: 'dewi@example.test' })]);
  });

  test('the same BU user again: the same value ID, still one membership', () => {
    const { fake } = newFake();
    const first = (authorize(fake, {}).body as { valueID: string }).valueID;
    const again = authorize(fake, { email: 'changed@example.test' }).body as { code: string; valueID: string };
    expect(again.valueID).toBe(first);
    expect(thirdParty(userOf(fake, again.code))).toHaveLength(1);
  });

  test('same email or phone as a MyValue user: links to that user', () => {
    const { fake } = newFake();
    expect((authorize(fake, { email: SEEDED.budi.email }).body as { valueID: string }).valueID).toBe(SEEDED.budi.valueId);
    expect((authorize(fake, { user_id: 'bu-admin-2', email: undefined, phone_number: SEEDED.siti.phone }).body as { valueID: string }).valueID).toBe(SEEDED.siti.valueId);
  });

  test('value_id links to that MyValue user (the "different email" case); unknown value_id is 404', () => {
    const { fake } = newFake();
    const body = authorize(fake, { value_id: SEEDED.siti.valueId }).body as { code: string; valueID: string };
    expect(body.valueID).toBe(SEEDED.siti.valueId);
    expect(thirdParty(userOf(fake, body.code)).map((m) => m.memberNo)).toEqual(['bu-admin-1']);
    expect(authorize(fake, { user_id: 'bu-x', value_id: 'VZZZZZ' }).body).toMatchObject({ id: 'MUD001', errorCode: 404 });
  });

  test('a BU user linked to one value ID is refused another (409), the first link stands', () => {
    const { fake } = newFake();
    authorize(fake, { value_id: SEEDED.budi.valueId });
    const res = authorize(fake, { value_id: SEEDED.siti.valueId });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ id: 'ErrAlreadyMapped', detail: `user_id "bu-admin-1" of client "${CLIENT.clientId}" is already linked to value ID ${SEEDED.budi.valueId}`, errorCode: 409 });
    expect((authorize(fake, {}).body as { valueID: string }).valueID).toBe(SEEDED.budi.valueId);
  });

  test.each([
    [{ client_id: 'NoSuchClient' }, /unknown client_id "NoSuchClient"/],
    [{ redirect_uri: 'https://evil.example/cb' }, /is not registered for client "DemoBU"/],
    [{ email: undefined }, /at least one of email and phone_number/],
    [{ user_id: undefined }, /missing required parameter: user_id/],
    [{ user_id: 42 }, /user_id must be a string/],
  ])('%j is refused with 400 naming the problem', (overrides, detail) => {
    const { fake } = newFake();
    const res = authorize(fake, overrides);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ id: 'ErrValidation', detail: expect.stringMatching(detail), errorCode: 400 });
  });
});
