// The benches' load: signed requests of the demo client (a GET and a POST with a fresh referenceNo each
// time) and autocannon's figures for them. Shared by `npm run bench` and `npm run bench:events`.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { computeSign, findRule, type SignRule } from '../../src/signing';

const VALUE_ID = 'VR8EPN';
const OUTLET = 'MVAPP00001';

function rule(name: string): SignRule {
  const found = findRule(name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

export interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Builds each request's body (POST): a fresh referenceNo every time. */
  body?: () => string;
}

export function cases(creds: { clientId: string; clientSecret: string }): { get: Case; post: Case } {
  const getFields = { valueID: VALUE_ID };
  const getSign = computeSign(rule('point.get'), { ...creds, fields: getFields });
  const get: Case = {
    name: 'GET /service/point/ (point.get)',
    method: 'GET',
    path: `/service/point/?${new URLSearchParams({ ...getFields, clientID: creds.clientId, sign: getSign })}`,
  };
  const run = randomUUID().slice(0, 8);
  let n = 0;
  const earn = rule('point.earn');
  const post: Case = {
    name: 'POST /service/point/earn/ (point.earn, fresh referenceNo)',
    method: 'POST',
    path: '/service/point/earn/',
    body: () => {
      n += 1;
      const fields = { amount: 10_000, referenceNo: `BENCH-${run}-${n}`, exchangeRate: 0, outletID: OUTLET, valueID: VALUE_ID };
      return JSON.stringify({ ...fields, clientID: creds.clientId, sign: computeSign(earn, { ...creds, fields }) });
    },
  };
  return { get, post };
}

export interface Figures {
  rps: number;
  p99: number;
  p50: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** autocannon for `seconds` (or, with `amount`, until that many requests are answered). */
export async function load(url: string, c: Case, seconds: number, connections: number, amount?: number): Promise<Figures> {
  const body = c.body;
  const result = await autocannon({
    url,
    connections,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    requests: [
      {
        method: c.method,
        path: c.path,
        headers: c.method === 'POST' ? { 'content-type': 'application/json' } : {},
        ...(body ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) } : {}),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** A positive number given on the command line as `name VALUE`, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} takes a positive number`);
  return value;
}
