// A stand-in for Postman's sandbox, to run the generated scripts in node:vm in milliseconds: a real
// postman-collection Request as pm.request (as Newman gives it), {{variables}} resolved by the SDK's own
// substitution, variable scopes, console, pm.test/expect, pm.sendRequest and require('crypto-js')
// (sha256 through node:crypto, which the Newman tests compare with the real crypto-js).
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import sdk from 'postman-collection';

/** The parts of postman-collection used here, beyond src/vendor.d.ts's minimal typings. */
interface RequestDefinition {
  method?: string;
  url: string | { host?: string[]; path?: string[]; query?: Array<{ key: string; value: string }>; variable?: Array<{ key: string; value: string }> };
  body?: { mode: string; raw: string };
}
interface Request {
  url: { toString(): string; getPath(): string };
  body?: { raw?: string };
}
const { Request, Property } = sdk as unknown as {
  Request: { new (definition: RequestDefinition): Request; isRequest(value: unknown): value is Request };
  Property: { replaceSubstitutions(text: string, variables: Record<string, string>): string };
};
export type { Request as SandboxRequest, RequestDefinition };

export interface SentProbe {
  url: string;
  method: string;
  header: Array<{ key: string; value: string }>;
}

export interface FakeResponse {
  code: number;
  body: unknown;
}

export interface SandboxOptions {
  /** The request as a collection holds it, or the Request an earlier script left (scripts run in turn). */
  request: RequestDefinition | Request;
  /** Variables of every scope, as pm.variables reads them. */
  variables?: Record<string, string>;
  environment?: Record<string, string>;
  /** The response, for test scripts. */
  response?: FakeResponse;
  /** Answers pm.sendRequest (in order); an Error is a request that got no answer. */
  answers?: Array<FakeResponse | Error>;
}

export interface SandboxRun {
  request: Request;
  variables: Map<string, string>;
  environment: Map<string, string>;
  logs: Array<{ level: 'log' | 'warn'; text: string }>;
  skipped: boolean;
  requires: string[];
  sent: SentProbe[];
  /** pm.test results: the name, and the assertion message when it failed (skipped: pm.test.skip). */
  tests: Array<{ name: string; error?: string; skipped?: true }>;
  /** The URL as Newman sends it: path variables and {{variables}} resolved. */
  url(): string;
  /** Its query as the server reads it (URLSearchParams). */
  query(): URLSearchParams;
  /** The raw body parsed as JSON. */
  body(): Record<string, unknown>;
}

class AssertionFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** crypto-js as far as the sign uses it: Utf8.parse to bytes, SHA256, toString(Hex). */
const HEX = { name: 'Hex' };
const cryptoJs = {
  enc: { Utf8: { parse: (text: string) => ({ bytes: Buffer.from(text, 'utf8') }) }, Hex: HEX },
  SHA256: (message: { bytes: Buffer }) => ({
    toString(encoder: unknown): string {
      if (encoder !== HEX) throw new Error('the stand-in crypto-js only writes Hex');
      return createHash('sha256').update(message.bytes).digest('hex');
    },
  }),
};

const scope = (values: Map<string, string>) => ({
  get: (key: string) => values.get(key),
  set: (key: string, value: string) => void values.set(key, value),
  unset: (key: string) => void values.delete(key),
});

/** Runs one generated script with `pm` and `require` in scope, as the sandbox does; sendRequest answers at once. */
export function runInSandbox(script: string, options: SandboxOptions): SandboxRun {
  const request = Request.isRequest(options.request) ? options.request : new Request(options.request);
  const variables = new Map(Object.entries(options.variables ?? {}));
  const environment = new Map(Object.entries(options.environment ?? {}));
  const answers = [...(options.answers ?? [])];
  const all = (): Record<string, string> => ({ ...Object.fromEntries(environment), ...Object.fromEntries(variables) });
  const run: SandboxRun = {
    request,
    variables,
    environment,
    logs: [],
    skipped: false,
    requires: [],
    sent: [],
    tests: [],
    url: () => Property.replaceSubstitutions(request.url.toString(), all()),
    query: () => new URL(run.url()).searchParams,
    body: () => JSON.parse(request.body?.raw ?? 'null') as Record<string, unknown>,
  };
  const responseOf = (answer: FakeResponse) => ({ code: answer.code, json: () => answer.body, text: () => JSON.stringify(answer.body) });
  const expect = (actual: unknown, message?: string) => ({
    to: {
      equal(expected: unknown): void {
        if (actual !== expected) throw new AssertionFailed(`${message ? `${message}: ` : ''}expected ${String(actual)} to equal ${String(expected)}`);
      },
    },
  });
  const pm = {
    request,
    response: options.response ? responseOf(options.response) : undefined,
    variables: { ...scope(variables), get: (key: string) => all()[key], replaceIn: (text: string) => Property.replaceSubstitutions(text, all()) },
    environment: scope(environment),
    execution: { skipRequest: () => void (run.skipped = true) },
    test: Object.assign(
      (name: string, fn: () => void): void => {
        try {
          fn();
          run.tests.push({ name });
        } catch (error) {
          run.tests.push({ name, error: (error as Error).message });
        }
      },
      { skip: (name: string): void => void run.tests.push({ name, skipped: true }) },
    ),
    expect: Object.assign(expect, { fail: (message: string): never => { throw new AssertionFailed(message); } }),
    sendRequest(probe: SentProbe, callback: (error: Error | null, response?: unknown) => void): void {
      run.sent.push(probe);
      const answer = answers.shift() ?? new Error('no answer prepared');
      if (answer instanceof Error) callback(answer);
      else callback(null, responseOf(answer));
    },
  };
  const console = {
    log: (...parts: unknown[]) => void run.logs.push({ level: 'log', text: parts.join(' ') }),
    warn: (...parts: unknown[]) => void run.logs.push({ level: 'warn', text: parts.join(' ') }),
  };
  const require = (id: string): unknown => {
    run.requires.push(id);
    if (id !== 'crypto-js') throw new Error(`the sandbox stand-in has no module ${id}`);
    return cryptoJs;
  };
  runInNewContext(script, { pm, console, require }, { timeout: 1000 });
  return run;
}
