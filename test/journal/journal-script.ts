// A scripted partner session against a fake, through the core: the users, points, promos and Auth API
// calls the journal-collection tests turn into a collection. Returns the secrets it saw, to grep for.
import type { Fake } from '../../mocks/create-fake';
import { DEMO } from '../helpers/api';
import { signedWire, searchOf } from '../helpers/signed-wire';

export const PASSWORD = 'Journal-Pass-7781';
export const REDIRECT_URI = 'http://127.0.0.1:5173/callback';

interface Answer {
  status: number;
  body: any;
}

function send(fake: Fake, method: string, path: string, query: Record<string, string | string[]> = {}, body?: unknown): Answer {
  const response = fake.handle({ method, path, query, headers: body === undefined ? {} : { 'content-type': 'application/json' }, origin: 'http://127.0.0.1:4010', ...(body === undefined ? {} : { rawBody: JSON.stringify(body) }) });
  return { status: response.status, body: response.body };
}

function signed(fake: Fake, rule: string, fields: Record<string, unknown>, sign?: string): Answer {
  const wire = signedWire(rule, DEMO, fields, sign === undefined ? {} : { sign });
  return wire.body !== undefined ? send(fake, 'POST', wire.path, {}, wire.body) : send(fake, 'GET', wire.path, wire.query);
}

export interface Scripted {
  statuses: number[];
  secrets: string[];
  valueID: string;
}

/** user.create, earn, redeem, history, promo buy, a wrong sign, then code exchange, introspection, refresh and a reused code. */
export function scriptedSession(fake: Fake): Scripted {
  const statuses: number[] = [];
  const note = (answer: Answer): Answer => (statuses.push(answer.status), answer);
  const created = note(signed(fake, 'user.create', { email: 'journal-replay@example.com', mobilePhoneNumber: '081299887766', fullName: 'Journal Replay', password: PASSWORD }));
  const valueID = String(created.body.valueID);
  note(signed(fake, 'point.earn', { amount: 100000, referenceNo: 'JOURNAL-EARN-1', exchangeRate: 0, outletID: 'MVAPP00001', valueID }));
  note(signed(fake, 'point.redeem', { amount: 10, referenceNo: 'JOURNAL-REDEEM-1', outletID: 'MVAPP00001', valueID }));
  note(signed(fake, 'point.history', { valueID, limit: 10, page: 1 }));
  note(signed(fake, 'promo.buy', { id: 13063, valueID: 'VR8EPN' }));
  note(signed(fake, 'point.get', { valueID }, '1'.repeat(64)));
  send(fake, 'GET', '/no/such/route');
  send(fake, 'GET', '/__admin/requests');
  const authorized = send(fake, 'POST', '/__admin/authorize', {}, { client_id: DEMO.clientId, user_id: 'bu-user-1', redirect_uri: REDIRECT_URI, full_name: 'BU User', email: 'bu-user-1@example.com' });
  if (authorized.status !== 200) throw new Error(`authorize: ${authorized.status} ${JSON.stringify(authorized.body)}`);
  const code = String(authorized.body.code);
  const tokens = note(send(fake, 'POST', '/auth/token/', {}, { grant_type: 'authorization_code', client_id: DEMO.clientId, client_secret: DEMO.clientSecret, code, redirect_uri: REDIRECT_URI }));
  note(send(fake, 'POST', '/auth/introspect/', {}, { access_token: tokens.body.access_token }));
  const refreshed = note(send(fake, 'POST', '/auth/token/', {}, { grant_type: 'refresh_token', client_id: DEMO.clientId, client_secret: DEMO.clientSecret, refresh_token: tokens.body.refresh_token }));
  note(send(fake, 'POST', '/auth/token/', {}, { grant_type: 'authorization_code', client_id: DEMO.clientId, client_secret: DEMO.clientSecret, code, redirect_uri: REDIRECT_URI }));
  note(send(fake, 'POST', '/auth/token/', {}, { grant_type: 'authorization_code', client_id: DEMO.clientId, client_secret: 'a-wrong-secret-1234', code: 'some-unknown-code', redirect_uri: REDIRECT_URI }));
  const secrets = [DEMO.clientSecret, PASSWORD, code, tokens.body.access_token, tokens.body.refresh_token, refreshed.body.access_token, refreshed.body.refresh_token, 'a-wrong-secret-1234', 'some-unknown-code'].map(String);
  return { statuses, secrets, valueID };
}
