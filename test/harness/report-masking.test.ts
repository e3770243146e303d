// report.html masks the tokens a run saw, and only them: the words around them stay readable; and no
// output of a run (ctrf.json, the job summary, report.html, junit.xml, run.json, the console) holds a
// token or the client secret that its failures quoted.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MASK, runCollection } from '../../src/harness/index';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { startCaptureServer } from './capture-server';

describe('report.html of the Auth & SSO folder', () => {
  it('keeps token_type "bearer" and masks the tokens themselves', async () => {
    const out = join(tempDir('myvalue-mask-'), 'reports');
    const result = await runCli(['run', '--target', 'msw', '--folder', 'Auth & SSO', '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const text = html.replace(/&quot;|&#34;|&#x22;/g, '"');
    expect(text).toMatch(/"token_type":\s*"bearer"/i);
    expect(text).not.toMatch(/"token_type":\s*"\[masked\]"/);
    expect(text).toMatch(/"access_token":\s*"\[masked\]"/);
  });
});

describe('the new outputs of a run whose failures quote a token and the secret', () => {
  it('ctrf.json, the job summary, report.html, junit.xml and the console hold neither, in any spelling', async () => {
    const access = 'access-token-made-up-4c7d9e2f1a';
    const secret = 'made-up-secret-for/masking+ü&x';
    const server = await startCaptureServer((req) => (req.path === '/auth/token/' ? { body: { access_token: access, token_type: 'bearer' } } : { status: 500, body: { echo: req.query.get('t') } }));
    onTestFinished(() => server.close());
    const dir = tempDir('myvalue-mask-new-');
    const failing = (name: string, expression: string): object => ({ listen: 'test', script: { exec: [`pm.test(${JSON.stringify(name)}, function () { pm.expect(${expression}).to.equal('something else'); });`] } });
    const collection = {
      info: { name: 'leaks', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Token', event: [{ listen: 'test', script: { exec: ["pm.variables.set('t', pm.response.json().access_token);"] } }, failing('token is', 'pm.response.json().access_token')], request: { method: 'POST', url: '{{authBaseUrl}}/auth/token/', body: { mode: 'raw', raw: '{"grant_type":"authorization_code"}' } } },
        { name: 'Echo', event: [failing('secret is', "pm.variables.get('myvalueClientSecret')")], request: { method: 'GET', url: '{{externalBaseUrl}}/echo?t={{t}}', header: [{ key: 'Authorization', value: 'Bearer {{t}}' }] } },
      ],
    };
    const file = join(dir, 'leaks.postman_collection.json');
    writeFileSync(file, JSON.stringify(collection));
    const summary = join(dir, 'summary.md');
    const out = join(dir, 'reports');
    let console = '';
    const result = await runCollection({ cwd: dir, env: { GITHUB_STEP_SUMMARY: summary }, target: server.url, collection: file, clientId: 'MyPOS', clientSecret: secret, contract: false, out, write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
    expect(result.exitCode).toBe(1);
    const texts: Record<string, string> = { console, summary: readFileSync(summary, 'utf8') };
    for (const name of readdirSync(out)) texts[name] = readFileSync(join(out, name), 'utf8');
    expect(Object.keys(texts).sort()).toEqual(['console', 'ctrf.json', 'junit.xml', 'report.html', 'run.json', 'summary']);
    // The leaks happened (the failures quote them) and were masked.
    expect(texts.summary).toContain(MASK);
    expect(texts['ctrf.json']).toContain(MASK);
    const spellings = (s: string): string[] => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1), s.slice(0, 12), s.replace(/&/g, '&amp;'), Buffer.from(s).toString('base64')];
    for (const [where, text] of Object.entries(texts)) {
      for (const form of [...spellings(access), ...spellings(secret)]) expect(text.includes(form), `${form} in ${where}`).toBe(false);
    }
  }, 120_000);
});
