// `myvalue convert` of hand-edited collections: each gives one line and exit 2, or converts, with one
// warning line per thing it leaves out; never a stack trace. A folder's variables travel in v2.1 as a
// prerequest event the reader writes (`myvalue-v3-folder-variables`); a hand edit of it once crashed
// the converter with a stack trace.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '../../src/collection/load-collection';
import { FOLDER_VARIABLES_EVENT_ID, V21_SCHEMA } from '../../src/collection/v3/v3-to-v21';
import { parseYaml } from '../../src/collection/v3/v3-yaml';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const request = { name: 'r', request: { method: 'GET', url: 'http://127.0.0.1/x' } };
const variablesEvent = (exec: unknown): object => ({ id: FOLDER_VARIABLES_EVENT_ID, listen: 'prerequest', script: { type: 'text/javascript', exec } });

/** A v2.1 file with one folder F holding one request; `folder` adds fields to F. */
function v21(dir: string, folder: Record<string, unknown>): string {
  const file = join(dir, 'edited.postman_collection.json');
  writeFileSync(file, JSON.stringify({ info: { name: 'Edited', schema: V21_SCHEMA }, item: [{ name: 'F', ...folder, item: [request] }] }));
  return file;
}

function definition(out: string, path = 'F/.resources/definition.yaml'): Record<string, unknown> {
  const parsed = parseYaml(readFileSync(join(out, path), 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value as Record<string, unknown>;
}

const noStack = (lines: readonly string[]): void => {
  expect(lines.join('\n')).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+/);
};

describe('a hand-edited folder-variables event in v2.1, converted to v3', () => {
  it('a line that is not pm.variables.set("key", value): the event is kept as the folder\'s script, said in one line, exit 0', async () => {
    const dir = tempDir('myvalue-hand-edit-');
    const exec = ['pm.variables.set("a", "1");', 'pm.variables.set(foo, bar);'];
    const out = join(dir, 'v3');
    const result = await runCli(['convert', v21(dir, { event: [variablesEvent(exec)] }), '--to', 'v3', '--out', out]);
    noStack(result.err);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([`kept the variables script of folder "F" as its first beforeRequest script, not as variables: its line "pm.variables.set(foo, bar);" is not pm.variables.set("key", value);`]);
    expect(definition(out).scripts).toEqual([{ type: 'http:beforeRequest', code: exec.join('\n'), language: 'text/javascript' }]);
    expect(definition(out).variables).toBeUndefined();
    // Read back, the folder runs the same code.
    const back = await loadCollection(out);
    if (!back.ok) throw new Error(back.error);
    const folder = back.collection.toJSON().item?.[0] as { event?: Array<{ listen: string; script: { exec: string[] } }> };
    expect(folder.event?.map((e) => [e.listen, e.script.exec])).toEqual([['prerequest', exec]]);
  });

  it.each([
    ['exec as one string', { event: [variablesEvent('pm.variables.set("a", "1");\npm.variables.set("b", 2);')] }, [], [{ key: 'a', value: '1' }, { key: 'b', value: 2 }]],
    ['a value holding U+2028', { event: [variablesEvent(['pm.variables.set("a", "x\u2028y");'])] }, [], [{ key: 'a', value: 'x\u2028y' }]],
    ['Windows line ends and blank lines', { event: [variablesEvent('pm.variables.set("a", "1");\r\n\r\n')] }, [], [{ key: 'a', value: '1' }]],
    ['an event without a script', { event: [{ id: FOLDER_VARIABLES_EVENT_ID, listen: 'prerequest' }] }, [], undefined],
    ['set with one argument', { event: [variablesEvent(['pm.variables.set("a");'])] }, [/^kept the variables script of folder "F" as its first beforeRequest script, not as variables: its line "pm\.variables\.set\(\\"a\\"\);"/], undefined],
    ['a key that is a number', { event: [variablesEvent(['pm.variables.set(1, 2);'])] }, [/^kept the variables script of folder "F" as its first beforeRequest script/], undefined],
    ['exec a number', { event: [variablesEvent(5)] }, [/^skipped the code of a "prerequest" script of folder "F": its "exec" is 5, not text or a list of lines$/], undefined],
    ['a null event', { event: [null, { listen: 'test', script: { exec: ['pm.test("t", () => {});'] } }] }, [/^skipped an event of folder "F": null is not an object$/], undefined],
    ['an event of unknown listen', { event: [{ listen: 'whatever', script: { exec: ['x()'] } }] }, [/^skipped an event of folder "F" listening to "whatever": v3 keeps only prerequest and test scripts/], undefined],
    ['a disabled script', { event: [{ listen: 'test', disabled: true, script: { exec: ['x()'] } }] }, [/^skipped a disabled test script of folder "F": a v3 script cannot be disabled$/], undefined],
    ['a disabled variables event', { event: [{ ...variablesEvent(['pm.variables.set("a", "1");']), disabled: true }] }, [/^skipped a disabled prerequest script of folder "F"/], undefined],
    ['variables that are not objects', { variable: ['a', 1, null] }, [/^skipped the variables of folder "F": Postman's SDK, and so Newman, reads no variables of a folder/], undefined],
    ['variables that are not a list', { variable: { a: 1 } }, [/^skipped the variables of folder "F"/], undefined],
  ])('%s: exit 0, one warning per thing left out', async (_name, folder, warnings, variables) => {
    const dir = tempDir('myvalue-hand-edit-');
    const out = join(dir, 'v3');
    const result = await runCli(['convert', v21(dir, folder), '--to', 'v3', '--out', out]);
    noStack(result.err);
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(result.err).toHaveLength(warnings.length);
    warnings.forEach((warning, i) => expect(result.err[i]).toMatch(warning));
    expect(result.out).toEqual([`wrote ${out} (v3, 3 files): 1 request from v2.1.0`]);
    expect(definition(out).variables).toEqual(variables);
  });
});

describe('a hand-edited v3 folder definition', () => {
  /** A v3 collection whose folder F has `text` as its definition. */
  function v3(text: string): string {
    const root = join(tempDir('myvalue-hand-edit-'), 'C');
    mkdirSync(join(root, '.resources'), { recursive: true });
    mkdirSync(join(root, 'F', '.resources'), { recursive: true });
    writeFileSync(join(root, '.resources', 'definition.yaml'), '$kind: collection\nname: C\n');
    writeFileSync(join(root, 'F', 'r.request.yaml'), '$kind: http-request\nname: r\nmethod: GET\nurl: http://127.0.0.1/x\n');
    writeFileSync(join(root, 'F', '.resources', 'definition.yaml'), text);
    return root;
  }

  it.each([
    ['variables: 5', /definition\.yaml: variables: expected a list of \{key, value\} or a map$/],
    ['variables: [1, 2]', /definition\.yaml: variables: an entry has no "key"$/],
    ['variables: [null]', /definition\.yaml: variables: an entry has no "key"$/],
    ['scripts: {}', /definition\.yaml: "scripts" must be a list of \{type, code\}$/],
    ['scripts: [null]', /definition\.yaml: a script is not \{type, code\}$/],
    ['auth: 5', /definition\.yaml: auth has no "type"$/],
  ])('%s: one line, exit 2, both ways', async (edit, message) => {
    const root = v3(`$kind: collection\n${edit}\n`);
    for (const [to, out] of [['v2.1', `${root}.json`], ['v3', `${root}-out`]] as const) {
      const result = await runCli(['convert', root, '--to', to, '--out', out]);
      noStack(result.err);
      expect(result.code).toBe(2);
      expect(result.err).toHaveLength(1);
      expect(result.err[0]).toMatch(message);
    }
  });

  it.each([
    ['scripts: [{type: whatever, code: x}]', /^skipped a whatever script in .*definition\.yaml: Newman runs only beforeRequest and afterResponse/],
    ['scripts: [{type: "http:beforeRequest", code: 5}]', /^skipped a http:beforeRequest script in .*definition\.yaml: it has no "code"$/],
  ])('%s: converts, one warning, exit 0', async (edit, warning) => {
    const root = v3(`$kind: collection\n${edit}\n`);
    const result = await runCli(['convert', root, '--to', 'v3', '--out', `${root}-out`]);
    noStack(result.err);
    expect(result.code).toBe(0);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(warning);
  });

  it('variables a folder sets, with a value holding U+2028 or a map, come through v3 -> v3 unchanged', async () => {
    const root = v3('$kind: collection\nvariables:\n  - key: a\n    value: "x\\u2028y"\n  - key: b\n    value: {c: 1}\n');
    const out = `${root}-out`;
    const result = await runCli(['convert', root, '--to', 'v3', '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(result.err).toEqual([]);
    expect(definition(out).variables).toEqual([{ key: 'a', value: 'x\u2028y' }, { key: 'b', value: { c: 1 } }]);
  });
});
