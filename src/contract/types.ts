// What the contract checks and what it reports: plain data, shared by the runner, the reports and tests.

/** One response as seen on the wire, from any target (sandbox, production, the fake). */
export interface ContractResponse {
  method: string;
  /** Full URL ('https://external.ovaltech.id/service/point/?valueID=...') or a path ('/service/point/'). */
  url?: string;
  /** Path without query; used when `url` is absent. */
  path?: string;
  status: number;
  /** The Content-Type header as received (parameters such as charset are ignored). */
  contentType?: string;
  /** The parsed JSON value, or the raw text (parsed here when the documented content is JSON). */
  body?: unknown;
}

export type ViolationKind =
  | 'unknown-path'
  | 'undocumented-method'
  | 'undocumented-status'
  | 'content-type'
  | 'invalid-json'
  | 'schema';

export interface ContractViolation {
  kind: ViolationKind;
  /** Method and documented path template, e.g. 'POST /service/point/earn/' (the request's own path when unknown). */
  operation: string;
  status: number;
  /** JSON Pointer into the body of the part that broke ('' is the whole body); only for 'schema'. */
  jsonPath?: string;
  /** One line naming all of the above, e.g. 'POST /service/point/earn/ 200: /Point must be integer (got "160")'. */
  message: string;
}

/** A documented operation of the contract. */
export interface ContractOperation {
  method: string;
  /** Path template as written in the file, e.g. '/v1/service/promos/{ID}'. */
  path: string;
  operationId?: string;
  /** Documented statuses as written ('200', '404', ...). */
  statuses: string[];
}

/** A documented response example (MyValue's own, or the fake's marked with source 'fake'). */
export interface ContractExample {
  operation: string;
  method: string;
  path: string;
  status: number;
  contentType: string;
  name: string;
  source: 'myvalue' | 'fake';
  value: unknown;
}

export interface Contract {
  /** Checks one response; an empty list means it keeps the contract. Pure: no I/O. */
  check(response: ContractResponse): ContractViolation[];
  /** The operation a request goes to, or undefined when the path or method is not in the contract. */
  match(method: string, urlOrPath: string): ContractOperation | undefined;
  operations(): ContractOperation[];
  examples(): ContractExample[];
}

/** The contract file itself is broken (bad $ref, schema ajv refuses): a bug, not a finding. */
export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}
