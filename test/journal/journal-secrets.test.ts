// The fake knows every client's secret: wherever one stands in a request (a body note, a header, any key,
// the query, the path, a field a refused sign's explanation shows), what the journal shows has it masked,
// in the forms the harness's masker knows (as written, JSON-escaped, base64, a prefix), and keys that
// name a credential are masked whatever their value.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import type { FakeRequest } from '../../mocks/index';
import { seedClient, signedRequest } from '../ledger/signed';

const POS = seedClient('GramediaPOS');
const KOMPAS = seedClient('KompasCom');
const ORIGIN = 'http://127.0.0.1:4010';
const base64 = (text: string): string => Buffer.from(text).toString('base64');

/** Everything the journal shows of its requests: in code, on the admin API, live and as a collection. */
function everythingShown(fake: ReturnType<typeof createFakeMyValue>, rows: unknown[]): Record<string, string> {
  const admin = (path: string): unknown => fake.handle({ method: 'GET', path, query: {}, headers: {}, origin: ORIGIN }).body;
  const seqs = fake.journal.list().map((e) => e.seq);
  return {
    'fake.journal.list()': JSON.stringify(fake.journal.list()),
    'fake.journal.exchange(seq)': JSON.stringify(seqs.map((seq) => fake.journal.exchange(seq))),
    'fake.journal.subscribe rows': JSON.stringify(rows),
    'fake.journal.toCollection()': JSON.stringify(fake.journal.toCollection()),
    'GET /__admin/requests': JSON.stringify(admin('/__admin/requests')),
    'GET /__admin/requests/SEQ': JSON.stringify(seqs.map((seq) => admin(`/__admin/requests/${seq}`))),
    'GET /__admin/requests/collection': JSON.stringify(admin('/__admin/requests/collection')),
    'GET /__admin/events': String(admin('/__admin/events')),
  };
}

describe('secrets masked by value', () => {
  it('a client secret in a body note, a header, a key, the query, the path or a signed field shows nowhere the journal shows requests', () => {
    const fake = createFakeMyValue();
    const rows: unknown[] = [];
    fake.journal.subscribe((row) => rows.push(row));
    // An accepted earn (the sign covers only the rule's fields) carrying secrets where no key name says so.
    const earn = signedRequest('point.earn', POS, { amount: 10000, referenceNo: 'SEC-1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' });
    const body = { ...JSON.parse(earn.rawBody ?? '{}'), note: `my secret is ${POS.clientSecret}`, meta: { [KOMPAS.clientSecret]: 'as a key', list: [`x${KOMPAS.clientSecret}x`] } };
    const headers = { ...earn.headers, 'x-note': POS.clientSecret, 'x-forwarded-authorization': `Basic ${base64(`${POS.clientId}:${POS.clientSecret}`)}`, 'x-b64': base64(KOMPAS.clientSecret) };
    expect(fake.handle({ ...earn, rawBody: JSON.stringify(body), headers }).status).toBe(200);
    const get = signedRequest('point.get', POS, { valueID: 'VR8EPN' });
    fake.handle({ ...get, query: { ...get.query, note: KOMPAS.clientSecret } });
    // A refused sign: its explanation shows the text of each signed field, here a secret.
    const refused = signedRequest('point.get', POS, { valueID: POS.clientSecret });
    fake.handle({ ...refused, query: { ...refused.query, sign: 'f'.repeat(64) } });
    const voucher: FakeRequest = signedRequest('voucher.get', POS, { ID: KOMPAS.clientSecret, valueID: 'VR8EPN' });
    expect(voucher.path).toContain(KOMPAS.clientSecret);
    fake.handle(voucher);

    for (const [where, text] of Object.entries(everythingShown(fake, rows))) {
      for (const secret of [POS.clientSecret, KOMPAS.clientSecret]) {
        expect(text, where).not.toContain(secret);
        expect(text, where).not.toContain(secret.slice(0, 12));
        expect(text, where).not.toContain(base64(secret).replace(/=+$/, ''));
      }
      expect(text, where).not.toContain(base64(`${POS.clientId}:${POS.clientSecret}`));
    }
    // Masked where it stood, the rest as sent.
    const [shownEarn, shownGet, shownRefused] = fake.journal.list();
    // A secret as a key: the key masked by value, and its value by key (the demo secret holds the word "secret").
    expect(shownEarn?.body).toMatchObject({ note: 'my secret is [masked]', meta: { '[masked]': '***', list: ['x[masked]x'] }, referenceNo: 'SEC-1' });
    expect(fake.journal.exchange(shownEarn?.seq ?? 0)?.requestHeaders).toMatchObject({ 'x-note': '[masked]', 'x-b64': '[masked]', 'content-type': 'application/json' });
    expect(shownGet?.query).toMatchObject({ note: '[masked]', valueID: 'VR8EPN' });
    expect(fake.journal.exchange(shownRefused?.seq ?? 0)?.signExplain).toMatchObject({ maskedString: 'GramediaPOS<clientSecret>[masked]', order: expect.arrayContaining([{ field: 'valueID', text: '[masked]' }]) });
  });

  it('keys that name a credential (apiKey, api_key, x-api-key, pwd, passwd, auth) are masked whatever their value', () => {
    const fake = createFakeMyValue();
    const get = signedRequest('point.get', POS, { valueID: 'VR8EPN' });
    const unknown = 'not-a-client-secret-but-still-one';
    fake.handle({ ...get, query: { ...get.query, apiKey: unknown, api_key: unknown, pwd: unknown, passwd: unknown, auth: unknown }, headers: { 'x-api-key': unknown } });
    const [entry] = fake.journal.list();
    expect(entry?.query).toMatchObject({ apiKey: '***', api_key: '***', pwd: '***', passwd: '***', auth: '***', valueID: 'VR8EPN' });
    expect(fake.journal.exchange(entry?.seq ?? 0)?.requestHeaders).toEqual({ 'x-api-key': '***' });
    expect(JSON.stringify(fake.journal.toCollection())).not.toContain(unknown);
  });
});
