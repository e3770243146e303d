// The README's table of MyValue's endpoints and their sign rules, and its table of hosts, are what a
// partner writes a collection from by hand: each row must say what the signing table (SIGN_RULES) and
// the hosts (TARGET_HOSTS) say, in the same order, and nothing else. A rule added, renamed or changed
// in src/ without the README, or a README row edited by hand, fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGN_RULES } from '../../src/signing';
import { TARGET_HOSTS } from '../../src/shared/hosts';
import { shippedFile } from '../../src/shared/package-files';

const README = readFileSync(shippedFile('README.md'), 'utf8');

/** The body rows of the Markdown table right after `<!-- name -->`, each as its trimmed cells. */
function tableAfter(marker: string): string[][] {
  const start = README.indexOf(`<!-- ${marker} -->`);
  if (start < 0) return [];
  const lines = README.slice(start).split('\n').slice(1);
  const table = lines.slice(0, lines.findIndex((line, i) => i > 0 && !line.startsWith('|')));
  return table.slice(2).map((line) => line.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()));
}

/** The `code` spans of a cell, in order: the field names a row lists. */
const names = (cell: string | undefined): string[] => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

describe("the README's sign-rules table", () => {
  const rows = tableAfter('sign-rules');

  it('has one row per rule of the signing table, in its order', () => {
    expect(rows.map((cells) => names(cells[2])[0])).toEqual(SIGN_RULES.map((rule) => rule.name));
  });

  it.each(SIGN_RULES.map((rule, i) => [rule.name, rule, i] as const))('%s: method, path, where the sign goes, the fields in sign order, the required fields, whether it changes state', (_name, rule, i) => {
    const [method, path, , location, fields, required, mutates] = rows[i] ?? [];
    expect({ method, path: names(path)[0], location, fields: names(fields), required: names(required), mutates }).toEqual({
      method: rule.method,
      path: rule.path,
      location: rule.location,
      fields: [...rule.fields],
      required: [...rule.required],
      mutates: rule.mutates ? 'yes' : 'no',
    });
  });
});

describe("the README's hosts table", () => {
  it('names the External API and the Auth API host of sandbox and production, as the targets use them', () => {
    const rows = tableAfter('myvalue-hosts').map(([target, external, auth]) => [target, names(external)[0], names(auth)[0]]);
    expect(rows).toEqual(Object.entries(TARGET_HOSTS).map(([target, hosts]) => [`\`${target}\``, hosts.externalBaseUrl, hosts.authBaseUrl]));
  });
});
