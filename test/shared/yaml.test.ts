// A user's YAML (a v3 collection, an environment, a seed, a contract) whose aliases expand it beyond
// reason is refused at once, in one line, wherever it is read; aliases used as people use them still
// read, and so does a large document without aliases.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../mocks/store/seed';
import { loadYaml, MAX_YAML_VALUES } from '../../src/shared/yaml';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

/** A "billion laughs" map: ten levels of ten aliases each, 10^10 values from about 1 KB. */
const laughs = (key: string): string => {
  const lines = [`a0: &a0 {${Array.from({ length: 10 }, (_, j) => `k${j}: lol`).join(', ')}}`];
  for (let i = 1; i < 10; i += 1) lines.push(`a${i}: &a${i} {${Array.from({ length: 10 }, (_, j) => `k${j}: *a${i - 1}`).join(', ')}}`);
  return `${lines.join('\n')}\n${key}: *a9\n`;
};
const REFUSED = 'its aliases (*name) expand it to more than 1,000,000 values: refused';

describe('loadYaml', () => {
  it('refuses a billion laughs, reads anchors reused as a user would, and a large file without aliases', () => {
    expect(() => loadYaml(laughs('users'))).toThrow(REFUSED);
    expect(loadYaml('common: &h {Accept: application/json}\none: *h\ntwo: *h\n')).toEqual({ common: { Accept: 'application/json' }, one: { Accept: 'application/json' }, two: { Accept: 'application/json' } });
    const big = `${Array.from({ length: MAX_YAML_VALUES / 4 + 10 }, (_, i) => `- [${i}, ${i}, ${i}]`).join('\n')}\n`;
    expect((loadYaml(big) as unknown[]).length).toBe(MAX_YAML_VALUES / 4 + 10);
  });
});

describe('where a user gives YAML', () => {
  it('a v3 request: one line naming the file, exit 2, nothing runs', async () => {
    const root = join(tempDir('myvalue-yaml-'), 'Bomb');
    mkdirSync(join(root, '.resources'), { recursive: true });
    writeFileSync(join(root, '.resources', 'definition.yaml'), '$kind: collection\nname: Bomb\n');
    writeFileSync(join(root, 'Earn.request.yaml'), `$kind: http-request\nmethod: POST\nurl: '{{externalBaseUrl}}/service/point/'\n${laughs('x')}body:\n  type: json\n  content: *a9\n`);
    const result = await runCli(['run', '--target', 'msw', '--collection', root, '--out', join(tempDir('myvalue-yaml-'), 'reports')]);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([`myvalue: ${root}/Earn.request.yaml: invalid YAML: ${REFUSED}`]);
  });

  it('a seed and a contract: their own one-line errors', async () => {
    expect(() => parseSeed(laughs('users'), 'bomb.yaml')).toThrow(`seed bomb.yaml is not valid YAML or JSON: ${REFUSED}`);
    const contract = join(tempDir('myvalue-yaml-'), 'bomb.openapi.yaml');
    writeFileSync(contract, laughs('paths'));
    const result = await runCli(['run', '--target', 'msw', '--contract', contract, '--out', join(tempDir('myvalue-yaml-'), 'reports')]);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: contract file ${contract} is not valid YAML/JSON: ${REFUSED}`]);
  });
});
