// What a partner imports by package name (package.json "exports"), used as the README shows.
import { setupServer } from 'msw/node';
import { expect, it } from 'vitest';
import { createFakeMyValue } from 'myvalue-harness/fake';
import { myValueHandlers } from 'myvalue-harness/msw';
import { computeSign, findRule } from 'myvalue-harness/signing';

it('the README example: a partner client, MSW, no port, and the journal of what it sent', async () => {
  const fake = createFakeMyValue({ clients: [{ clientId: 'MyPOS', clientSecret: 'made-up-test-secret' }] });
  const server = setupServer(...myValueHandlers(fake));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const fields = { amount: 10000, referenceNo: 'POS-1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' };
    const sign = computeSign(findRule('point.earn')!, { clientId: 'MyPOS', clientSecret: 'made-up-test-secret', fields });
    const res = await fetch('https://external.ovaltech.id/service/point/earn/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...fields, clientID: 'MyPOS', sign }) });
    expect(await res.json()).toEqual({ Point: 160 });
    expect(fake.journal.list({ rule: 'point.earn' }).map((e) => [e.clientId, e.signOk, e.status])).toEqual([['MyPOS', true, 200]]);
  } finally {
    server.close();
  }
});
