// `npx tsx test/bench/prepare.bench.ts [--before DIR]`: preparing a run of the shipped collection up to
// what Newman's loader builds from it (prepare(), then Newman's own `new Collection`), N times: wall time
// and how often the whole collection is built as an SDK object or serialised back to JSON.
// With --before DIR (a checkout of an older tree, e.g. `git archive <rev> src mocks collections | tar -x -C DIR`
// and a node_modules symlink) both trees run interleaved in one process, medians side by side.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sdk from 'postman-collection';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PER_ROUND = Number(process.env.BENCH_PREPARES ?? 20);
const before = process.argv.includes('--before') ? process.argv[process.argv.indexOf('--before') + 1] : undefined;

// Count every whole-collection construction and serialisation, whichever tree calls them (both read
// `sdk.Collection` at call time; Newman captured its own reference, so its loader is replayed below).
const counts = { built: 0, serialised: 0 };
const Original = sdk.Collection;
const toJSON = Original.prototype.toJSON;
Original.prototype.toJSON = function counted(this: InstanceType<typeof Original>) {
  counts.serialised += 1;
  return toJSON.call(this);
};
class Counted extends Original {
  constructor(definition?: object) {
    super(definition);
    counts.built += 1;
  }
}
(sdk as { Collection: typeof Original }).Collection = Counted;

type Prepare = (options: object) => Promise<{ ok: boolean; error?: string; value?: { collection: unknown } }>;

async function prepareOf(root: string): Promise<Prepare> {
  const module = (await import(pathToFileURL(resolve(root, 'src/run/prepare-run.ts')).href)) as { prepare: Prepare };
  return module.prepare;
}

/** What reaches Newman's runner: Newman's options loader builds one SDK collection from what it is given. */
async function handOff(prepare: Prepare, variations: boolean): Promise<void> {
  const prepared = await prepare({ target: 'msw', env: {}, variations });
  if (!prepared.ok || !prepared.value) throw new Error(prepared.error);
  const given = prepared.value.collection;
  // The old runner called collection.toJSON() for newman.run; Newman then builds from the JSON.
  const json = Original.isCollection(given) ? (given as InstanceType<typeof Original>).toJSON() : given;
  new Counted(Original.isCollection(json) ? (json as InstanceType<typeof Original>).toJSON() : (json as object));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const trees: Array<[string, Prepare]> = [['this tree', await prepareOf(process.cwd())]];
  if (before) trees.unshift([`before (${before})`, await prepareOf(before)]);
  for (const variations of [false, true]) {
    const times = new Map<string, number[]>(trees.map(([name]) => [name, []]));
    const perPrepare = new Map<string, { built: number; serialised: number }>();
    for (const [, prepare] of trees) await handOff(prepare, variations); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, prepare] of round % 2 ? [...trees].reverse() : trees) {
        counts.built = 0;
        counts.serialised = 0;
        const started = performance.now();
        for (let i = 0; i < PER_ROUND; i++) await handOff(prepare, variations);
        times.get(name)?.push((performance.now() - started) / PER_ROUND);
        perPrepare.set(name, { built: counts.built / PER_ROUND, serialised: counts.serialised / PER_ROUND });
      }
    }
    console.log(`\n${variations ? '--variations' : 'default run'}: ${ROUNDS} rounds of ${PER_ROUND} prepares, median ms per prepare`);
    for (const [name] of trees) {
      const c = perPrepare.get(name);
      console.log(`  ${name.padEnd(40)} ${median(times.get(name) ?? []).toFixed(2).padStart(7)} ms   SDK builds ${c?.built}   toJSON ${c?.serialised}`);
    }
    if (trees.length === 2) {
      const [a, b] = trees.map(([name]) => median(times.get(name) ?? []));
      console.log(`  this tree / before: ${((b ?? 0) / (a ?? 1)).toFixed(2)}x`);
    }
  }
}

await main();
