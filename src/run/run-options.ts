// What a run takes: `myvalue run`'s flags as a function's options (shared by the gate and the preparation).
import type { FakeMyValueOptions } from '../../mocks/index';
import type { Sink } from './capture-output';
import type { Shard } from '../collection/shard';
import type { Exchange } from '../reports/drift-report';
import type { ReporterName } from '../reports/write-reports';

export interface RunOptions {
  /** File or http(s) URL; default: the shipped collection. */
  collection?: string;
  /** mock, msw, sandbox, production or a base URL. */
  target: string;
  clientId?: string;
  clientSecret?: string;
  /** Where .env is looked for; default: process.cwd(). */
  cwd?: string;
  /** Environment variables to read credentials from; default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Reports directory; default: reports/ under cwd. */
  out?: string;
  folders?: string[];
  bail?: boolean;
  timeoutRequest?: number;
  delayRequest?: number;
  iterationData?: string;
  envVars?: Array<{ key: string; value: string }>;
  insecure?: boolean;
  /** A Postman environment file whose values the run starts from. */
  environment?: string;
  allowProductionWrites?: boolean;
  /** Receives Newman's CLI progress, masked; default: process.stdout. */
  write?: Sink;
  /** Receives the run's two opening lines (what runs, against what, as whom), once the target has started. */
  announce?: (lines: readonly string[]) => void;
  /** Receives the harness's own one-line notes (skips, warnings), masked; default: the same as write. */
  log?: (line: string) => void;
  /** Reporters to use (cli: Newman's progress; junit.xml, report.html, run.json, ctrf.json); each defaults to on. */
  reporters?: Partial<Record<ReporterName, boolean>>;
  /** Only the failed requests and the summary on the console (no progress, no notes but warnings). */
  quiet?: boolean;
  /** Colour in Newman's progress; default: on a terminal unless NO_COLOR (see config.ts colorWanted). */
  color?: boolean;
  /** Newman's -n: run the collection this many times. */
  iterationCount?: number;
  /**
   * End with the summary line (and append it to $GITHUB_STEP_SUMMARY); default true. The gate and the
   * diff end the run their own way.
   */
  summary?: boolean;
  /** Options for the fake behind mock and msw (seed, clock...). */
  fake?: FakeMyValueOptions;
  /** Run only shard `index` of `total` (see shard.ts); cannot be combined with `folders`. */
  shard?: Shard;
  /** Check every response against the OpenAPI contract (default true); a string is another contract file. */
  contract?: boolean | string;
  /** Add generated negative tests after every signed request (wrong sign, unknown client, each required field left out). */
  variations?: boolean;
  /** Retry GETs up to this many times on a 5xx, a dropped connection or a timeout (0 to MAX_RETRIES). */
  retries?: number;
  /** Gets every response (or failed request) in run order, masked, with its item's folder, name and URL template (`myvalue diff`). */
  onExchange?: (exchange: Exchange & { ref: string }) => void;
}
