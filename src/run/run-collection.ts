// `myvalue run` as a function: load, inject the signing hook, pick the target, run Newman (its CLI
// progress), write run.json, junit.xml, ctrf.json and report.html from what happened, mask secrets
// everywhere the run writes, and turn the outcome into an exit code and one summary line.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { captureOutput, type Sink } from './capture-output';
import type { RunOptions } from './run-options';
import { SECRET_VARIABLE } from '../collection/hook-script';
import { oneLine } from '../shared/text';
import { createMasker } from '../shared/masker';
import { runNewman, type ItemHop, type NewmanOutcome } from './newman-bridge';
import { listen, runListeners } from './run-listeners';
import type { ItemJson } from './exchange-feed';
import type { CollectionDefinition } from 'postman-collection';
import { buildRunReport, type StartedItem } from './run-report';
import type { Contract } from '../contract/index';
import type { RunReport } from '../reports/run-json';
import { startRunChecks } from './run-checks';
import { colorWanted } from '../config';
import { REPORTERS, writeReports, type ReporterName } from '../reports/write-reports';
import { failureLines } from '../reports/run-summary';
import { displayDir, finishRun } from './finish-run';
import { startTarget, type TargetSession } from './run-target';
import { runHeader } from './run-header';
import { prepare } from './prepare-run';
import { runScopes } from './run-scopes';

export type { RunOptions };

export interface RunResult {
  exitCode: 0 | 1 | 2;
  /** One-line reason when exitCode is 2. */
  error?: string;
  summary?: RunReport;
  reportsDir: string;
  /** The OpenAPI contract the responses were checked against (the gate's endpoint table reads it too); undefined with contract: false. */
  contract?: Contract;
}

/** Folder path of every request item, by id, for the report (groups are the items with an item list). */
function folderIndex(collection: CollectionDefinition): Map<string, string> {
  const index = new Map<string, string>();
  const walk = (items: readonly ItemJson[], names: string[]): void => {
    for (const item of items) {
      if (item.item) walk(item.item, [...names, item.name as string]);
      else if (names.length > 0 && item.id !== undefined) index.set(item.id, names.join(' / '));
    }
  };
  walk((collection.item ?? []) as ItemJson[], []);
  return index;
}

/** Why a reports directory cannot be made, in a user's words. */
function outDirProblem(dir: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'EEXIST' || error.code === 'ENOTDIR') {
    // The nearest part of the path that exists is the file in the way.
    let at = dir;
    while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
    return `${at} is a file, not a directory`;
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') return `permission denied (${error.path ?? ''})`;
  return oneLine(error.message);
}

/** One line per redirect a request met (followed or not) and per request the production guard kept from the wire. */
function hopLines(hops: ReadonlyArray<{ hop: ItemHop; refusal?: string }>, started: readonly StartedItem[]): string[] {
  const names = new Map(started.map((s) => [s.ref, s.item.name]));
  return hops.map(({ hop, refusal }) => {
    const name = JSON.stringify(hop.ref === undefined ? '?' : (names.get(hop.ref) ?? '?'));
    if (refusal !== undefined) return `production guard: ${name}: ${refusal}`;
    return `redirected: ${name} ${hop.method} ${hop.redirectedFrom?.url ?? ''} -> ${hop.redirectedFrom?.status ?? ''} -> ${hop.url}`;
  });
}

/** The written files as the run names them: report.html first, the one to open. */
const openFirst = (files: readonly string[]): string[] => [...files.filter((f) => f.endsWith('report.html')).map((f) => `${f} (open this first)`), ...files.filter((f) => !f.endsWith('report.html'))];

/** The reporters a run uses: each on unless turned off. */
const chosenReporters = (options: RunOptions): Set<ReporterName> => new Set(REPORTERS.filter((r) => options.reporters?.[r] !== false));

/**
 * Runs a collection against a target and writes run.json, junit.xml, ctrf.json and report.html.
 * @example const { exitCode, summary } = await runCollection({ target: 'mock', out: 'reports' });
 */
export async function runCollection(options: RunOptions): Promise<RunResult> {
  const reportsDir = resolve(options.cwd ?? process.cwd(), options.out ?? 'reports');
  const prepared = await prepare(options);
  if (!prepared.ok) return { exitCode: 2, error: prepared.error, reportsDir };
  const { spec, creds, workingDir, baseValues, environmentName, skipped, notes, header, shard, variations, originals, source, iterationRows } = prepared.value;
  // The secret, and id:secret as an Authorization: Basic header carries it (in base64).
  const masker = createMasker([creds.clientSecret], [`${creds.clientId}:${creds.clientSecret}`]);
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const write: Sink = options.write ?? ((text) => void stdoutWrite(text));
  const log = (line: string): void => (options.log ? options.log(masker.mask(line)) : write(`${masker.mask(line)}\n`));
  // --quiet: of the lines said while the run goes, only warnings; the failures come at the end.
  const live = options.quiet ? (line: string): void => void (line.startsWith('warning:') && log(line)) : log;
  // The reports directory first: a mistake there is one line, before any target starts.
  try {
    await mkdir(reportsDir, { recursive: true });
  } catch (error) {
    return { exitCode: 2, error: `cannot write reports to ${options.out ?? 'reports'}: ${outDirProblem(reportsDir, error as NodeJS.ErrnoException)}`, reportsDir };
  }
  for (const note of notes) live(note);
  let session: TargetSession;
  try {
    session = await startTarget(spec, creds, options.fake);
  } catch (error) {
    return { exitCode: 2, error: `cannot start the ${spec.kind} target: ${oneLine((error as Error).message)}`, reportsDir };
  }
  const guard = session.production && !options.allowProductionWrites;
  const opening = runHeader({ collectionName: prepared.value.collection.info?.name ?? '', collectionPath: source.collection, shipped: source.shipped, session, clientId: creds.clientId, demoClient: source.demoClient, guarded: guard });
  options.announce?.(opening.map((line) => masker.mask(line)));
  // The user's environment as it is, the harness's values under it (run-scopes.ts, docs/decisions/harness.md).
  const scopes = runScopes({
    environment: { ...(environmentName !== undefined ? { name: environmentName } : {}), values: baseValues },
    envVars: options.envVars ?? [],
    collection: prepared.value.collection,
    harness: { clientId: creds.clientId, externalBaseUrl: session.externalBaseUrl, authBaseUrl: session.authBaseUrl, secretVariable: SECRET_VARIABLE, secret: creds.clientSecret },
  });
  for (const secret of scopes.secrets) masker.add(secret);
  for (const note of scopes.notes) log(note);
  const { collection } = scopes;
  const reporters = chosenReporters(options);
  const startedAt = new Date();
  const contract = typeof options.contract === 'string' ? resolve(options.cwd ?? process.cwd(), options.contract) : options.contract;
  const checked = await startRunChecks({ session, contract, retries: options.retries, timeoutRequest: options.timeoutRequest, insecure: options.insecure });
  if (!checked.ok) {
    await session.stop();
    return { exitCode: 2, error: checked.error, reportsDir };
  }
  const checks = checked.value;
  const folders = folderIndex(collection);
  const listeners = runListeners({
    session,
    writesAllowed: session.production && options.allowProductionWrites === true,
    checker: checks.checker,
    originals,
    ...(checks.retryLayer ? { retryLayer: checks.retryLayer } : {}),
    clientId: creds.clientId,
    masker,
    log,
    live,
    ...(options.onExchange ? { feed: { collection, folderOf: (id: string) => folders.get(id), onExchange: options.onExchange } } : {}),
  });
  const { started, skipReasons, hops, capture } = listeners;
  if (header !== undefined) live(header);
  const restore = captureOutput((text) => masker.mask(text), write);
  let outcome: NewmanOutcome;
  try {
    outcome = await runNewman(
      {
        // The prepared JSON as it is: Newman builds its one SDK collection from it.
        collection,
        environment: scopes.environment,
        globals: scopes.globals,
        // Newman's CLI progress only: the files are written from run.json after the run.
        reporters: reporters.has('cli') && !options.quiet ? ['cli'] : [],
        reporter: {},
        color: (options.color ?? (options.write ? false : colorWanted(undefined, options.env ?? process.env))) ? 'on' : 'off',
        folder: options.folders && options.folders.length > 0 ? options.folders : undefined,
        bail: options.bail ? true : undefined,
        timeoutRequest: checks.timeoutRequest,
        delayRequest: options.delayRequest,
        iterationData: iterationRows ?? (options.iterationData ? resolve(options.cwd ?? process.cwd(), options.iterationData) : undefined),
        workingDir,
        iterationCount: options.iterationCount,
        // MSW answers https in process, on a socket without a certificate: nothing to verify there.
        insecure: options.insecure || session.kind === 'msw' ? true : undefined,
      },
      (run) => listen(run, listeners.channels),
    );
  } finally {
    restore();
    checks.stop();
    await session.stop();
  }
  if (!outcome.ok) return { exitCode: 2, error: `newman could not run the collection: ${oneLine(outcome.error.message)}`, reportsDir };
  const refused = hops.some((h) => h.refusal !== undefined);
  const stopped = listeners.stopped();
  const exitCode = outcome.failed || stopped !== undefined || refused ? 1 : 0;
  const report = buildRunReport(outcome, {
    target: session.kind === 'url' ? session.externalBaseUrl : session.kind,
    externalBaseUrl: session.externalBaseUrl,
    authBaseUrl: session.authBaseUrl,
    startedAt,
    exitCode,
    folderOf: (id) => folders.get(id),
    variationOf: (id) => variations.get(id),
    extras: listeners.extras,
    started,
    skipReasons,
    skipped,
  });
  if (shard) report.shard = shard;
  if (stopped !== undefined) {
    report.stopped = stopped;
    log(stopped);
  }
  // A redirect followed is a note; a hop the guard refused failed the run, and --quiet says it too.
  for (const line of hopLines(hops.filter((h) => h.refusal !== undefined || !options.quiet), started)) log(line);
  const guarded = report.requests.filter((r) => r.skipped?.startsWith('production guard'));
  for (const r of guarded) report.skipped.push({ name: r.name, reason: r.skipped ?? '' });
  if (guarded.length > 0) live(`production guard: not sent (they change state): ${guarded.map((r) => r.name).join(', ')}; pass --allow-production-writes to send them`);
  // report.requests follow `started`: the i-th request is the i-th item Newman started.
  const refs = started.map((s) => s.ref);
  const mask = (text: string): string => masker.mask(text);
  report.requests.forEach((r, i) => {
    const excerpt = r.failures.length > 0 ? capture.excerpt(refs[i] ?? '', mask) : undefined;
    if (excerpt !== undefined) r.responseExcerpt = excerpt;
  });
  const summary = JSON.parse(mask(JSON.stringify(report))) as RunReport;
  const verdict = exitCode === 0 ? 'PASS' : 'FAIL';
  const written = await writeReports(reportsDir, summary, { reporters, verdict, mask, ...(reporters.has('html') ? { exchanges: capture.exchanges(refs, mask) } : {}) });
  if (!written.ok) return { exitCode: 2, error: written.error, reportsDir };
  if (options.quiet) for (const line of failureLines(summary)) log(line);
  // Which file to open first (the page with every request), then the others; --quiet leaves it to the summary line.
  else if (options.summary !== false && written.value.length > 0) log(`reports: ${openFirst(written.value).join(', ')}`);
  // Every signed request refused is a credentials problem, not N separate ones: said once, just before the summary.
  const closing = listeners.closing(report.target);
  if (closing !== undefined) log(closing);
  if (options.summary !== false) await finishRun(summary, { title: 'MyValue run', verdict, reportsDir: displayDir(reportsDir, options.cwd ?? process.cwd()), ...(options.env ? { env: options.env } : {}), log });
  return { exitCode, summary, reportsDir, ...(checks.contract ? { contract: checks.contract } : {}) };
}
