// Which hops may reach MyValue's production External API (src/run/production-writes.ts), as a table:
// reads always, writes only when the run allows them, however the host is spelled and wherever a
// redirect came from. The run's tests (production-guard.test.ts) show the same at the wire.
import { describe, expect, it } from 'vitest';
import { isWrite, productionWriteRefusal, type Hop } from '../../src/run/production-writes';

const PROD = 'https://external.myvalue.id';
const SANDBOX = 'https://external.ovaltech.id';
const EARN = '/service/point/earn/';
const ESTIMATE = '/service/point/earn/estimate';

const refused: Array<[string, Hop]> = [
  ['an earn', { method: 'POST', url: `${PROD}${EARN}` }],
  ['a POST no rule names (not known to be a read)', { method: 'POST', url: `${PROD}/service/something/new` }],
  ['a DELETE', { method: 'DELETE', url: `${PROD}/service/user/VR8EPN` }],
  ['the host in capitals with a trailing dot and a port, over http', { method: 'POST', url: `http://EXTERNAL.MyValue.id.:8080${EARN}` }],
  ['the host percent-encoded', { method: 'POST', url: `https://external%2Emyvalue%2Eid${EARN}` }],
  ['the host with full-width dots', { method: 'POST', url: `https://external\uff0emyvalue\uff0eid${EARN}` }],
  ['a URL only the requester reads as production', { method: 'POST', url: 'not a url', host: 'External.MyValue.id.' }],
  ['an earn redirected there by another host', { method: 'POST', url: `${PROD}${EARN}`, redirectedFrom: { url: `${SANDBOX}${EARN}`, status: 307 } }],
  ['an estimate redirected to the earn path', { method: 'POST', url: `${PROD}${EARN}`, redirectedFrom: { url: `${SANDBOX}${ESTIMATE}`, status: 307 } }],
  ['an earn redirected to the estimate path', { method: 'POST', url: `${PROD}${ESTIMATE}`, redirectedFrom: { url: `${SANDBOX}${EARN}`, status: 307 } }],
  ['an earn redirected with a 302 (which would turn it into a GET)', { method: 'POST', url: `${PROD}${EARN}`, redirectedFrom: { url: `${SANDBOX}${EARN}`, status: 302 } }],
];

const sent: Array<[string, Hop]> = [
  ['a read', { method: 'GET', url: `${PROD}/service/point/?valueID=V` }],
  ['a HEAD', { method: 'HEAD', url: `${PROD}/` }],
  ['the estimate (a POST that changes nothing)', { method: 'POST', url: `${PROD}${ESTIMATE}` }],
  ['an earn to sandbox', { method: 'POST', url: `${SANDBOX}${EARN}` }],
  ['an earn to a host that only ends like production', { method: 'POST', url: `https://notexternal.myvalue.id${EARN}` }],
  ['an earn to the Auth host', { method: 'POST', url: `https://auth.ovaltech.id${EARN}` }],
  ['a read redirected to production', { method: 'GET', url: `${PROD}/service/point/?valueID=V`, redirectedFrom: { url: `${SANDBOX}/service/point/?valueID=V`, status: 302 } }],
  ['an earn redirected from production to elsewhere', { method: 'POST', url: `${SANDBOX}${EARN}`, redirectedFrom: { url: `${PROD}${EARN}`, status: 307 } }],
];

describe('productionWriteRefusal', () => {
  it.each(refused)('refuses %s unless the run allows production writes', (_name, hop) => {
    expect(productionWriteRefusal(hop, false)).toMatch(/^(POST|DELETE) .*(not sent|not followed): a write reaches MyValue's production host only from a --target production run with --allow-production-writes$/);
    expect(productionWriteRefusal(hop, true)).toBeUndefined();
  });

  it.each(sent)('lets %s through', (_name, hop) => {
    expect(productionWriteRefusal(hop, false)).toBeUndefined();
  });

  it('names both ends and the status of a refused redirect', () => {
    expect(productionWriteRefusal({ method: 'POST', url: `${PROD}${EARN}`, redirectedFrom: { url: `http://127.0.0.1:4010${EARN}`, status: 308 } }, false)).toBe(
      `POST http://127.0.0.1:4010${EARN} was redirected (308) to ${PROD}${EARN}; not followed: a write reaches MyValue's production host only from a --target production run with --allow-production-writes`,
    );
  });

  it('isWrite: what is not known to be a read is a write', () => {
    expect([isWrite('get', `${PROD}${EARN}`), isWrite('POST', `${PROD}${ESTIMATE}`), isWrite('POST', `${PROD}${EARN}`), isWrite('PATCH', 'not a url')]).toEqual([false, false, true, true]);
  });
});
