// `--shard i/n`: splits a collection run so n CI jobs together run each request exactly once.
// The unit is a top-level item (folder or request); items chained through variables (one sets
// `{{valueID}}`, another reads it) are one unit, so no chain is cut. Units go to shards by a
// deterministic balanced partition on request counts (largest first, ties by name). Pure: no I/O.

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

/** What a shard's reports say about it. */
export interface ShardInfo extends Shard {
  /** The units this shard ran, e.g. ["Users + Points + Negative", "Auth & SSO"]. */
  units: string[];
}

/** Top-level items that must run in one job, with the number of requests they hold. */
export interface ShardUnit {
  /** Member names joined by " + ", in collection order. */
  name: string;
  /** Positions of the member items in the collection's top level. */
  members: number[];
  requests: number;
}

/** Item `from` reads variables that item `to` sets (and `from` does not set itself). */
export interface UnitLink {
  from: string;
  to: string;
  variables: string[];
  /** Top-level positions of `from` and `to`. */
  at: [number, number];
}

export interface ShardPlan {
  units: ShardUnit[];
  links: UnitLink[];
  /** Units per shard, index 0 is shard 1. */
  shards: ShardUnit[][];
}

/** The shape of a collection item this module reads (v2.x JSON). */
interface ItemJson {
  name?: string;
  item?: ItemJson[];
}

export const MAX_SHARDS = 256;

/**
 * Parses "i/n" (1 <= i <= n).
 * @example parseShard('2/3') // { ok: true, shard: { index: 2, total: 3 } }
 */
export function parseShard(text: string): { ok: true; shard: Shard } | { ok: false; error: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || index < 1 || total < 1 || index > total || total > MAX_SHARDS) {
    return { ok: false, error: `--shard takes i/n with 1 <= i <= n <= ${MAX_SHARDS}, e.g. --shard 2/3; got "${text}"` };
  }
  return { ok: true, shard: { index, total } };
}

/** "shard 2/3", as every report of a shard says it. */
export const shardLabel = (shard: Shard): string => `shard ${shard.index}/${shard.total}`;

/** A shard's collection name without its " (shard i/n)" suffix. */
export const baseCollectionName = (name: string): string => name.replace(/ \(shard \d+\/\d+\)$/, '');

const SET_PATTERNS = [
  /pm\.(?:environment|collectionVariables|variables|globals)\.set\(\s*(['"`])([^'"`]+)\1/g,
  /postman\.set(?:Environment|Global)Variable\(\s*(['"`])([^'"`]+)\1/g,
];
const USE_PATTERNS = [
  /\{\{([^{}$][^{}]*)\}\}/g,
  /pm\.(?:environment|collectionVariables|variables|globals)\.get\(\s*(['"`])([^'"`]+)\1/g,
  /postman\.get(?:Environment|Global)Variable\(\s*(['"`])([^'"`]+)\1/g,
];

function names(text: string, patterns: RegExp[]): Set<string> {
  const found = new Set<string>();
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add((m[2] ?? m[1] ?? '').trim());
  return found;
}

function countRequests(item: ItemJson): number {
  return Array.isArray(item.item) ? item.item.reduce((sum, child) => sum + countRequests(child), 0) : 1;
}

const nameOf = (item: ItemJson | undefined, position: number): string => item?.name ?? `item ${position + 1}`;

/** Which top-level items read variables another top-level item sets. */
export function unitLinks(items: readonly object[]): UnitLink[] {
  const texts = items.map((item) => JSON.stringify(item));
  const sets = texts.map((text) => names(text, SET_PATTERNS));
  const uses = texts.map((text) => names(text, USE_PATTERNS));
  const links: UnitLink[] = [];
  items.forEach((item, from) => {
    items.forEach((other, to) => {
      if (from === to) return;
      const variables = [...(uses[from] ?? [])].filter((v) => !sets[from]?.has(v) && sets[to]?.has(v)).sort();
      if (variables.length > 0) links.push({ from: nameOf(item, from), to: nameOf(other, to), variables, at: [from, to] });
    });
  });
  return links;
}

/** Top-level items joined into units wherever a variable links them (both ways: a chain is one unit). */
export function shardUnits(items: readonly object[]): { units: ShardUnit[]; links: UnitLink[] } {
  const links = unitLinks(items);
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (const link of links) {
    const a = root(link.at[0]);
    const b = root(link.at[1]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  const units = [...groups.values()].map((members) => ({
    name: members.map((i) => nameOf(items[i], i)).join(' + '),
    members,
    requests: members.reduce((sum, i) => sum + countRequests(items[i] ?? {}), 0),
  }));
  return { units, links };
}

const byName = (a: ShardUnit, b: ShardUnit): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.members[0] ?? 0) - (b.members[0] ?? 0));

/**
 * Units per shard: largest unit first (ties by name) to the shard with the fewest requests so far
 * (ties: the lowest index). Every job computes the same plan from the same collection.
 * @example planShards(collection.item, 3).shards[1] // the units of shard 2/3
 */
export function planShards(items: readonly object[], total: number): ShardPlan {
  const { units, links } = shardUnits(items);
  const shards: ShardUnit[][] = Array.from({ length: total }, () => []);
  const load = new Array<number>(total).fill(0);
  const order = [...units].sort((a, b) => b.requests - a.requests || byName(a, b));
  for (const unit of order) {
    let best = 0;
    for (let i = 1; i < total; i += 1) if ((load[i] ?? 0) < (load[best] ?? 0)) best = i;
    shards[best]?.push(unit);
    load[best] = (load[best] ?? 0) + unit.requests;
  }
  for (const shard of shards) shard.sort((a, b) => (a.members[0] ?? 0) - (b.members[0] ?? 0));
  return { units, links, shards };
}

/** The top-level items of one shard, in collection order, and what its reports say about it. */
export function selectShard<T extends object>(items: readonly T[], shard: Shard): { items: T[]; info: ShardInfo; plan: ShardPlan } {
  const plan = planShards(items, shard.total);
  const mine = plan.shards[shard.index - 1] ?? [];
  const keep = new Set(mine.flatMap((unit) => unit.members));
  return { items: items.filter((_, i) => keep.has(i)), info: { ...shard, units: mine.map((unit) => unit.name) }, plan };
}
