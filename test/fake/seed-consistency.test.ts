// A seed the schema accepts but a loyalty system could not hold is refused with one line naming the
// place; a fake with no client at all is refused before it starts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, FakeConfigError } from '../../mocks/create-fake';
import { DEFAULT_SEED_FILE, parseSeed, SeedError } from '../../mocks/store/seed';
import type { Seed } from '../../mocks/store/seed-types';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const shipped = (): Seed => JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8')) as Seed;
const refusal = (seed: Seed): string => {
  try {
    parseSeed(JSON.stringify(seed), 'S.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as Error).message;
  }
  return 'accepted';
};

describe('seed consistency', () => {
  it('accepts the shipped seed', () => expect(refusal(shipped())).toBe('accepted'));

  it.each<[string, (s: Seed) => void, string | RegExp]>([
    ['a history entry at an unknown outlet', (s) => ((s.users[0]?.history ?? [])[0] as { outletID: string }).outletID = 'NOPE', /^seed S\.json: \/users\/0\/history\/0\/outletID "NOPE" is not an outlet of the seed \(outlets: MVAPP00001, 10000, /],
    ['a membership at an unknown outlet', (s) => ((s.users[0]?.memberships ?? [])[0] as { outletCode?: string }).outletCode = 'NOPE', /^seed S\.json: \/users\/0\/memberships\/0\/outletCode "NOPE" is not an outlet/],
    ['no MyValue Apps outlet', (s) => (s.outlets = s.outlets.filter((o) => o.id !== 'MVAPP00001')), /^seed S\.json: \/outlets has no MVAPP00001 \(MyValue Apps\), where new memberships and promo purchases are booked: add it$/],
    ['a client twice', (s) => s.clients.push({ ...(s.clients[0] as Seed['clients'][number]) }), 'seed S.json: /clients/2/clientId "GramediaPOS" is given twice'],
    ['a value ID twice', (s) => s.users.push({ ...(s.users[0] as Seed['users'][number]), email: 'other@example.test', phone: undefined, history: [] }), /^seed S\.json: \/users\/\d+\/valueID "VR8EPN" is given twice$/],
    ['an outlet twice', (s) => s.outlets.push({ ...(s.outlets[1] as Seed['outlets'][number]) }), /^seed S\.json: \/outlets\/\d+\/id "10000" is given twice$/],
    ['a promo twice', (s) => s.promos.push({ ...(s.promos[0] as Seed['promos'][number]) }), /^seed S\.json: \/promos\/\d+\/id "\d+" is given twice$/],
  ])('refuses %s', (_what, change, message) => {
    const seed = shipped();
    change(seed);
    expect(refusal(seed)).toMatch(message);
  });

  it('refuses a fake with no client at all, and accepts one when --client gives it', () => {
    const seed = { ...shipped(), clients: [] };
    expect(() => createFakeMyValue({ seed })).toThrow(FakeConfigError);
    expect(() => createFakeMyValue({ seed })).toThrow('no client: the seed has none; add one under "clients" (clientId, clientSecret) or give --client ID:SECRET');
    const fake = createFakeMyValue({ seed, clients: [{ clientId: 'MyPOS', clientSecret: 'made-up-secret' }] });
    expect(fake.deps.store.clients.get('MyPOS')).toBeDefined();
    fake.close();
  });

  it('mock --seed FILE with no client: one line, exit 2, nothing listening', async () => {
    const file = join(tempDir('myvalue-seed-'), 'empty-clients.json');
    writeFileSync(file, JSON.stringify({ ...shipped(), clients: [] }));
    const result = await runCli(['mock', '--port', '0', '--seed', file, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: no client: the seed ${file} has none; add one under "clients" (clientId, clientSecret) or give --client ID:SECRET`]);
  });
});

describe('a seed file that does not parse', () => {
  it('a .json seed is read as JSON: the message says so, with line and column', () => {
    expect(() => parseSeed('{\n  "clients": [],\n  }', 'broken.json')).toThrow(/^seed broken\.json is not valid JSON: .+ \(line 3, column 3\)$/);
  });

  it('a .yaml seed gets the YAML parser\'s line', () => {
    expect(() => parseSeed('clients: [\n', 'broken.yaml')).toThrow(/^seed broken\.yaml is not valid YAML or JSON: /);
  });
});
