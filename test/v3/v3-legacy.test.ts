// The older v3 layout (a `collection.yaml` at the root listing `ref`s to request files with `type: http`,
// as earlier Postman versions and their repo sync wrote it) is not read: the refusal says it is that
// layout and what to do, in one line, for the directory and for a request file met in a current one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '../../src/collection/load-collection';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

function onDisk(files: Record<string, string>): string {
  const root = join(tempDir('myvalue-v3-legacy-'), 'Legacy');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const LEGACY_REQUEST = 'type: http\nname: Get\nmethod: GET\nurl: http://postman-echo.com/get\n';
const WHAT_TO_DO = 'open it in Postman v12 and save it (it writes .resources/definition.yaml and $kind: http-request), or export it from Postman as a v2.1 collection (JSON) and give that file';

describe('the older v3 layout', () => {
  it('a directory with collection.yaml: one line naming the layout and what to do, for run, convert and inject', async () => {
    const dir = onDisk({
      'collection.yaml': '$kind: collection\nname: Legacy\nitems:\n  - ref: ./Get.request.yaml\n',
      'Get.request.yaml': LEGACY_REQUEST,
    });
    const expected = `${dir} is a collection in the older v3 layout (collection.yaml, requests with "type: http"), which the harness does not read: ${WHAT_TO_DO}`;
    expect(await loadCollection(dir)).toEqual({ ok: false, error: expected });
    for (const args of [['run', '--collection', dir, '--target', 'mock'], ['convert', dir, '--to', 'v2.1', '--out', join(dir, '..', 'out.json')], ['inject', dir, '--out', join(dir, '..', 'signed')]]) {
      const cli = await runCli(args);
      expect(cli.code).toBe(2);
      expect(cli.err).toEqual([`myvalue: ${expected}`]);
    }
  });

  it('a request file with "type: http" and no $kind in a current directory: the same advice, naming the file', async () => {
    const dir = onDisk({ '.resources/definition.yaml': '$kind: collection\nname: Mixed\n', 'Get.request.yaml': LEGACY_REQUEST });
    expect(await loadCollection(dir)).toEqual({ ok: false, error: `${dir}/Get.request.yaml: a request in the older v3 layout ("type: http", no $kind), which the harness does not read: ${WHAT_TO_DO}` });
  });
});
