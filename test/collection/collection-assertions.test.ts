// The shipped collection's assertions bite: it passes against the fake, and a fake that misbehaves
// (wrong points, a cancel that books nothing, history oldest first, a lost voucher, a wrong sign
// accepted) fails exactly the assertions that describe that behaviour.
import { readFileSync } from 'node:fs';
import newman from 'newman';
import sdk from 'postman-collection';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue, type Clock, type Fake, type FakeRequest, type FakeResponse } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { injectHook } from '../../src/collection/inject-hook';
import { SECRET_VARIABLE } from '../../src/collection/hook-script';
import { COLLECTION_REDIRECT_URI } from '../../src/shared/hosts';

const COLLECTION = JSON.parse(readFileSync(new URL('../../collections/myvalue-partner.postman_collection.json', import.meta.url), 'utf8')) as object;
const CLIENT = { clientId: 'CollectionTestPOS', clientSecret: 'made-up-secret-collection-test' };

type Tamper = (req: FakeRequest, next: (req: FakeRequest) => FakeResponse) => FakeResponse;

interface Outcome {
  requests: number;
  skipped: number;
  failures: string[];
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs the injected collection with Newman against a fresh fake whose answers `tamper` may change. */
async function runAgainst(tamper: Tamper, clock?: Clock): Promise<Outcome> {
  const fake = createFakeMyValue({ clients: [{ ...CLIENT, redirectUris: [COLLECTION_REDIRECT_URI] }], ...(clock ? { clock } : {}) });
  const wrapped: Fake = { ...fake, handle: (req) => tamper(req, (r) => fake.handle(r)) };
  server = await listen(createExpressApp(wrapped), 0);
  const url = server.url;
  const collection = injectHook(new sdk.Collection(COLLECTION)).toJSON();
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection,
        envVar: [
          { key: 'externalBaseUrl', value: url },
          { key: 'authBaseUrl', value: url },
          { key: 'clientID', value: CLIENT.clientId },
          { key: SECRET_VARIABLE, value: CLIENT.clientSecret },
        ],
        reporters: [],
      },
      (error, summary) => {
        if (error) return reject(error);
        let skipped = 0;
        for (const execution of summary.run.executions) skipped += (execution.assertions ?? []).filter((a) => a.skipped).length;
        resolve({
          requests: summary.run.stats.requests?.total ?? 0,
          skipped,
          failures: summary.run.failures.map((f) => `${f.source?.name ?? '?'} / ${f.error?.test ?? f.error?.message ?? '?'}`).sort(),
        });
      },
    );
  });
}

/** A clock one second further on at every reading, so every mutation has its own createdDate. */
function steppingClock(start: string): Clock {
  let t = Date.parse(start);
  return { now: () => new Date((t += 1000)) };
}

const json = (response: FakeResponse): Record<string, unknown> => response.body as Record<string, unknown>;

/** Several misbehaviours at once; each touches different requests. */
const misbehaving: Tamper = (req, next) => {
  const body = req.rawBody ? (JSON.parse(req.rawBody) as Record<string, unknown>) : {};
  // A wrong sign is accepted.
  if (req.query.sign === '0'.repeat(64)) return { status: 200, headers: { 'content-type': 'application/json' }, body: { point: 0 } };
  // CANCEL_REDEEM answers as documented but books nothing.
  if (req.path === '/service/point/adjustment/' && body.adjustmentType === 'CANCEL_REDEEM' && String(body.referenceNo).endsWith('-CANCEL')) {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: { Point: body.amount } };
  }
  const response = next(req);
  if (response.status !== 200) return response;
  // Earn reports one point more than it books.
  if (req.path === '/service/point/earn/') return { ...response, body: { Point: Number(json(response).Point) + 1 } };
  // History comes oldest first.
  if (req.path === '/service/point/history/' && !req.query.mutation) {
    return { ...response, body: { ...json(response), results: [...(json(response).results as unknown[])].reverse() } };
  }
  // The voucher list forgets the newest voucher.
  if (req.path === '/v1/service/vouchers') return { ...response, body: { ...json(response), results: (json(response).results as unknown[]).slice(1) } };
  return response;
};

describe('the shipped collection against the fake', () => {
  it('passes every assertion of every request, none skipped', async () => {
    const outcome = await runAgainst((req, next) => next(req));
    expect(outcome).toEqual({ requests: 45, skipped: 0, failures: [] });
  });

  it('fails exactly the assertions that describe what a misbehaving MyValue gets wrong', async () => {
    const outcome = await runAgainst(misbehaving, steppingClock('2025-06-01T00:00:00Z'));
    expect(outcome.failures).toEqual([
      'Earn points / as many points as the estimate said',
      'Get balance (after cancel redeem) / balance is back to what it was before the redeem',
      'Get balance (after earn) / balance grew by the earned Point',
      'List vouchers / the voucher bought is listed',
      'Point history / newest first',
      "Point history / the earn and the redeem with their points",
      "Point history / this run's return, cancel, redeem and earn, newest first",
      'Wrong sign / error ErrAuthorizationInvalidSign',
      'Wrong sign / status 401',
    ].sort());
  });
});
