// The part of the Postman sandbox (Newman 6.2, the Postman app) the programs in this folder use,
// written by hand for `// @ts-check`: pm, require('crypto-js') and the data the TypeScript passes in.
// A script file (no import/export), so the .js programs name these types without importing them.

declare namespace PostmanSandbox {
  interface Variable {
    key: string;
    value: string;
  }
  interface QueryParam {
    key: string | null;
    value: string | null;
    disabled?: boolean;
  }
  interface PropertyList<T> {
    each(iterator: (item: T) => void): void;
    add(item: { key: string; value: string }): void;
    remove(predicate: (item: T) => boolean): void;
    one(key: string): T | undefined;
  }
  interface Url {
    host?: string[];
    path?: string[];
    query: PropertyList<QueryParam>;
    variables?: PropertyList<Variable>;
    toString(): string;
  }
  interface Body {
    mode?: string;
    raw?: string;
  }
  interface Request {
    url: Url;
    method?: string;
    body?: Body;
  }
  interface Response {
    code: number;
    json(): any;
    text(): string;
  }
  interface VariableScope {
    get(key: string): any;
    set(key: string, value: string): void;
    unset(key: string): void;
  }
  interface Variables extends VariableScope {
    /** Resolves {{name}} from every scope. */
    replaceIn(text: string): string;
  }
  interface Assertion {
    to: { equal(value: unknown): void };
  }
  interface Expect {
    (value: unknown, message?: string): Assertion;
    fail(message: string): never;
  }
  interface SendRequestOptions {
    url: string;
    method: string;
    header: Array<{ key: string; value: string }>;
  }
  interface Pm {
    request: Request;
    /** Only in test scripts. */
    response: Response;
    variables: Variables;
    environment: VariableScope;
    /** Newman 6.2 has it; older Postman apps do not (the hook checks before it skips). */
    execution: { skipRequest(): void };
    test(name: string, fn: () => void): void;
    expect: Expect;
    sendRequest(options: SendRequestOptions, callback: (error: Error | null, response: Response) => void): void;
  }

  /** The piece of crypto-js the sign needs. */
  interface WordArray {
    toString(encoder: unknown): string;
  }
  interface CryptoJS {
    SHA256(message: WordArray): WordArray;
    enc: { Utf8: { parse(text: string): WordArray }; Hex: unknown };
  }

  /** A signing rule as the hook receives it (hook-script.ts `hookRule`). */
  interface HookRule {
    name: string;
    method: string;
    segments: string[];
    location: string;
    fields: readonly string[];
    mutates: boolean;
  }

  /** The production guard as the hook receives it (hook-script.ts `HookGuard` and GUARD_VARIABLE). */
  interface HookGuard {
    variable: string;
    blockWrites: boolean;
  }

  /** What both scripts of a variation are given (variations.ts `variationItem`). */
  interface VariationCommon {
    kind: 'wrong-sign' | 'unknown-client' | 'missing-field';
    field: string | null;
    probeVariable: string;
    probeHeader: string;
  }
  interface VariationPrerequest extends VariationCommon {
    /** Name of the request it varies. */
    of: string;
    location: string;
    /** How many path segments the rule has (the rest of the URL path is the base URL's prefix). */
    ruleSegments: number;
    wrongSign: string;
    unknownClient: string;
    secretVariable: string;
    originalVariable: string;
    skipPrefix: string;
    /** The balance rule (point.get). */
    probe: { segments: string[]; fields: readonly string[] };
  }
  interface VariationTest extends VariationCommon {
    title: string;
    status: number;
    errorId: string | null;
    changedNothing: string;
  }
}

declare module 'crypto-js' {
  const CryptoJS: PostmanSandbox.CryptoJS;
  export = CryptoJS;
}

/**
 * crypto-js as the composed scripts bind it: `(function (CryptoJS) { ... })(require('crypto-js'))`
 * (Newman 6.2 also has a deprecated global of this name; the binding shadows it).
 */
declare var CryptoJS: typeof import('crypto-js');
