// The Auth API and the SSO page name no clientID field: the journal takes the caller from OAuth's
// client_id (JSON, form or query), so `?clientId=` finds those requests too.
import { describe, expect, it } from 'vitest';
import { CLIENT, get, mappingParams, newFake, postForm, postJson } from '../auth/helpers';

describe('the journal names the client of Auth API and SSO requests', () => {
  it('from a JSON body, a form body and the mapping page\'s query', () => {
    const { fake } = newFake();
    postJson(fake, '/auth/token/', { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: 'wrong-made-up', code: 'nope' });
    postForm(fake, '/auth/token/', { grant_type: 'refresh_token', client_id: CLIENT.clientId, client_secret: 'wrong-made-up', refresh_token: 'nope' });
    get(fake, '/authorize/mapping', mappingParams());
    const entries = fake.deps.journal.list({ clientId: CLIENT.clientId });
    expect(entries.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /auth/token/', 'POST /auth/token/', 'GET /authorize/mapping']);
    expect(entries.every((e) => e.rule === null && e.signOk === null)).toBe(true);
  });

  it('leaves it null when the request names none, or its body cannot be read', () => {
    const { fake } = newFake();
    postJson(fake, '/auth/introspect/', { token: 'nope' });
    fake.handle({ method: 'POST', path: '/auth/token/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: '{"client_id": ', origin: 'http://127.0.0.1:4010' });
    expect(fake.deps.journal.list({}).map((e) => e.clientId)).toEqual([null, null]);
  });
});
