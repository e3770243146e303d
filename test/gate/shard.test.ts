// --shard i/n: deterministic, balanced, every unit exactly once, chains never cut.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseShard, planShards, selectShard, shardUnits } from '../../src/collection/shard';

const SHIPPED = JSON.parse(readFileSync('collections/myvalue-partner.postman_collection.json', 'utf8')) as { item: object[] };

/** A folder of `n` requests; `sets`/`uses` variables through a test script and a URL. */
function folder(name: string, n: number, vars: { sets?: string[]; uses?: string[] } = {}): object {
  return {
    name,
    item: Array.from({ length: n }, (_, i) => ({
      name: `${name} ${i + 1}`,
      request: { method: 'GET', url: `{{externalBaseUrl}}/service/point/?valueID=${(vars.uses ?? []).map((v) => `{{${v}}}`).join('')}` },
      event: [{ listen: 'test', script: { exec: (vars.sets ?? []).map((v) => `pm.environment.set('${v}', pm.response.json().id);`) } }],
    })),
  };
}

const names = (items: object[]): string[] => items.map((i) => (i as { name: string }).name);

describe('parseShard', () => {
  it('reads i/n and refuses anything else with the expected form', () => {
    expect(parseShard('2/3')).toEqual({ ok: true, shard: { index: 2, total: 3 } });
    expect(parseShard(' 1 / 1 ')).toEqual({ ok: true, shard: { index: 1, total: 1 } });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '-1/3', '1.5/3', '']) {
      const parsed = parseShard(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('--shard takes i/n');
    }
  });
});

describe('shard units of the shipped collection', () => {
  it('finds no folder reading variables another folder sets: each folder is its own unit', () => {
    const { units, links } = shardUnits(SHIPPED.item);
    expect(links).toEqual([]);
    expect(units.map((u) => [u.name, u.requests])).toEqual([
      ['Users', 3],
      ['Points', 13],
      ['Promos & vouchers', 10],
      ['Negative', 11],
      ['Auth & SSO', 8],
    ]);
  });

  it('splits it into shards that together hold every top-level folder exactly once, for any n', () => {
    for (let total = 1; total <= 5; total += 1) {
      const shards = Array.from({ length: total }, (_, i) => names(selectShard(SHIPPED.item, { index: i + 1, total }).items));
      expect(shards.flat().sort(), `n=${total}`).toEqual(names(SHIPPED.item).sort());
    }
  });
});

describe('planShards', () => {
  const independent = [folder('Alpha', 5), folder('Bravo', 3), folder('Charlie', 3), folder('Delta', 2), folder('Echo', 1)];

  it('balances on request counts: largest first to the emptiest shard', () => {
    const plan = planShards(independent, 3);
    expect(plan.shards.map((s) => s.map((u) => u.name))).toEqual([['Alpha'], ['Bravo', 'Delta'], ['Charlie', 'Echo']]);
    expect(plan.shards.map((s) => s.reduce((n, u) => n + u.requests, 0))).toEqual([5, 5, 4]);
  });

  it('breaks ties by name, not by position, so reordering equal folders does not move them', () => {
    const a = planShards([folder('Zulu', 2), folder('Mike', 2)], 2);
    const b = planShards([folder('Mike', 2), folder('Zulu', 2)], 2);
    expect(a.shards.map((s) => s.map((u) => u.name))).toEqual([['Mike'], ['Zulu']]);
    expect(b.shards.map((s) => s.map((u) => u.name))).toEqual([['Mike'], ['Zulu']]);
  });

  it('is the same plan every time, in every job', () => {
    const first = JSON.stringify(planShards(independent, 3));
    for (let i = 0; i < 5; i += 1) expect(JSON.stringify(planShards(structuredClone(independent), 3))).toBe(first);
  });

  it('keeps a chain (one folder sets a variable another reads) in one shard, and keeps collection order inside a shard', () => {
    const items = [folder('Setup', 1, { sets: ['valueID'] }), folder('Big', 6), folder('Uses', 4, { uses: ['valueID'] }), folder('Other', 2)];
    const plan = planShards(items, 2);
    expect(plan.links).toEqual([{ from: 'Uses', to: 'Setup', variables: ['valueID'], at: [2, 0] }]);
    expect(plan.shards.map((s) => s.map((u) => u.name))).toEqual([['Big'], ['Setup + Uses', 'Other']]);
    expect(names(selectShard(items, { index: 2, total: 2 }).items)).toEqual(['Setup', 'Uses', 'Other']);
  });

  it('does not link a folder to a variable it sets itself, nor to dynamic variables like {{$guid}}', () => {
    const items = [folder('A', 1, { sets: ['token'], uses: ['token', '$guid'] }), folder('B', 1, { sets: ['token'], uses: ['$guid'] })];
    expect(planShards(items, 2).links).toEqual([]);
  });

  it('leaves shards empty when there are fewer units than shards', () => {
    const plan = planShards([folder('Only', 3)], 3);
    expect(plan.shards.map((s) => s.length)).toEqual([1, 0, 0]);
    expect(selectShard([folder('Only', 3)], { index: 3, total: 3 }).info).toEqual({ index: 3, total: 3, units: [] });
  });
});
