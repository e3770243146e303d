// `myvalue inject` as partners keep its output in git: the same source gives the same bytes, injecting
// the output again gives it byte for byte, and nothing but the hook is added: `info`, ids (or their
// absence) and `_postman_*` fields stay as the source has them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_EVENT_ID } from '../../src/collection/hook-script';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

type Json = Record<string, any>;

/** What Postman and other tools export: no ids on events, `_postman_*` fields at every level, `info` extras. */
const SOURCE: Json = {
  info: { name: 'Exported é', description: 'Kept as written', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json', _exporter_id: '1234567' },
  item: [
    {
      name: 'Points',
      _postman_isSubFolder: true,
      item: [
        {
          name: 'Balance',
          event: [{ listen: 'test', script: { exec: ["pm.test('ok', function () { pm.response.to.have.status(200); });"], type: 'text/javascript' } }],
          request: { method: 'GET', header: [], url: { raw: 'https://external.ovaltech.id/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}', protocol: 'https', host: ['external', 'ovaltech', 'id'], path: ['service', 'point', ''], query: [{ key: 'valueID', value: 'VR8EPN' }, { key: 'clientID', value: '{{clientID}}' }, { key: 'sign', value: '{{SIGN}}' }] } },
          response: [{ name: 'ok', originalRequest: { method: 'GET', url: 'https://external.ovaltech.id/service/point/' }, status: 'OK', code: 200, _postman_previewlanguage: 'json', header: [], cookie: [], body: '{}' }],
        },
      ],
    },
    { name: 'Echo', event: [{ listen: 'prerequest', script: { exec: ['pm.variables.set("x", 1);'] } }], request: 'http://postman-echo.com/get?x={{x}}', _postman_id: 'item-kept' },
  ],
  variable: [{ key: 'clientID', value: 'MyPOS' }],
};

async function inject(source: Json | string, extra: string[] = []): Promise<{ file: string; text: string }> {
  const dir = tempDir('myvalue-inject-det-');
  const from = typeof source === 'string' ? source : join(dir, 'source.postman_collection.json');
  if (typeof source !== 'string') writeFileSync(from, JSON.stringify(source, null, 2));
  const file = join(dir, 'signed.postman_collection.json');
  const cli = await runCli(['inject', from, '--out', file, ...extra]);
  expect(cli.code, cli.err.join('\n')).toBe(0);
  return { file, text: readFileSync(file, 'utf8') };
}

/** The collection without the hook events (and an event list the hook alone made): what the source had. */
function withoutHook(node: Json): Json {
  const { event, item, ...rest } = node;
  const kept = Array.isArray(event) ? event.filter((e: Json) => !String(e.id ?? '').startsWith(HOOK_EVENT_ID)) : event;
  return { ...rest, ...(kept !== undefined && kept.length > 0 ? { event: kept } : {}), ...(Array.isArray(item) ? { item: item.map(withoutHook) } : {}) };
}

const hookIds = (node: Json): string[] => [...(node.event ?? []).filter((e: Json) => String(e.id ?? '').startsWith(HOOK_EVENT_ID)).flatMap((e: Json) => [e.id, e.script?.id]), ...(node.item ?? []).flatMap(hookIds)];

describe.each([[[]], [['--single-script']]])('myvalue inject %j', (extra) => {
  it('gives the same bytes for the same source, and again the same bytes when given its own output', async () => {
    const first = await inject(SOURCE, extra);
    const second = await inject(SOURCE, extra);
    expect(second.text).toBe(first.text);
    const again = await inject(first.file, extra);
    expect(again.text).toBe(first.text);
  });

  it('adds the hook and nothing else: info, ids and _postman_* fields as the source has them', async () => {
    const signed = JSON.parse((await inject(SOURCE, extra)).text) as Json;
    expect(signed.info).toEqual(SOURCE.info);
    if (extra.length === 0) expect(withoutHook(signed)).toEqual(SOURCE);
    expect(signed.item[0]._postman_isSubFolder).toBe(true);
    expect(signed.item[0].item[0].response[0]._postman_previewlanguage).toBe('json');
    expect(signed.item[1]._postman_id).toBe('item-kept');
    expect(JSON.stringify(signed)).not.toContain('"_":');
  });
});

describe('the ids inject gives the hook', () => {
  it('are derived from the request\'s place and the hook, so they differ between requests and not between runs', async () => {
    const ids = hookIds(JSON.parse((await inject(SOURCE)).text) as Json);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(hookIds(JSON.parse((await inject(SOURCE)).text) as Json)).toEqual(ids);
  });
});

describe('other formats', () => {
  it('a v2.0 collection stays v2.0, info as it was', async () => {
    const source = JSON.parse(readFileSync('test/fixtures/v20.postman_collection.json', 'utf8')) as Json;
    const signed = JSON.parse((await inject(source)).text) as Json;
    expect(signed.info).toEqual(source.info);
  });

  it('a v1 collection, converted, gives the same bytes every time', async () => {
    const first = await inject('test/fixtures/v1.postman_collection.json');
    expect((await inject('test/fixtures/v1.postman_collection.json')).text).toBe(first.text);
    expect((await inject(first.file)).text).toBe(first.text);
  });
});
