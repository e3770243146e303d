// The shape of run.json, what the runner writes and the merge and the gate read.
import type { SignExplain } from '../../mocks/index';
import type { ShardInfo } from '../collection/shard';
import type { VariationInfo } from '../collection/variations';

export interface AssertionReport {
  name: string;
  passed: boolean;
  skipped?: boolean;
  error?: string;
}

export interface RequestReport {
  name: string;
  /** Folder path, e.g. "Points / Earn". */
  folder?: string;
  iteration: number;
  method?: string;
  url?: string;
  status?: number;
  statusText?: string;
  responseTimeMs?: number;
  assertions: AssertionReport[];
  failures: string[];
  /** Why the request was not sent, when it was not. */
  skipped?: string;
  /** Signing rule ('point.earn'), or the contract operation for unsigned ones ('auth.token'): groups requests per endpoint. */
  rule?: string;
  /** Contract violations of the response ([] when it keeps the contract); absent when not checked. */
  contract?: string[];
  /** Set on a generated negative test (--variations). */
  variation?: VariationInfo;
  /** Set when the request was retried (--retries). */
  retries?: RetryReport;
  /** Why the target refused the sign of a failed request: its x-myvalue-sign-explain header (the fake's JSON, the secret masked, or the header's text). */
  signExplain?: SignExplainReport;
  /** Warnings the signing hook gave for the request (a {{variable}} no scope sets, sent as that text). */
  warnings?: string[];
  /** A failed request's response body, masked, its first EXCERPT_LENGTH characters (JUnit, CTRF and the job summary quote it). */
  responseExcerpt?: string;
}

export type SignExplainReport = SignExplain | { text: string };

/** What --retries did for one request. */
export interface RetryReport {
  count: number;
  reasons: string[];
  recovered: boolean;
  /** e.g. 'retried GET /service/point/ once: 503 Service Unavailable'. */
  message: string;
}

/** Per-request facts the runner gathered outside Newman's summary, by cursor ref. */
export interface RequestExtras {
  rule?: string;
  contract?: string[];
  retries?: RetryReport;
  signExplain?: SignExplainReport;
  warnings?: string[];
}

export interface SkipNote {
  name: string;
  reason: string;
}

export interface RunReport {
  collection: string;
  target: string;
  externalBaseUrl: string;
  authBaseUrl: string;
  startedAt: string;
  durationMs: number;
  exitCode: number;
  totals: { requests: number; sent: number; failedRequests: number; skipped: number; assertions: number; failedAssertions: number };
  requests: RequestReport[];
  /** Requests and folders the harness left out, and why (production guard, Auth & SSO without a code). */
  skipped: SkipNote[];
  /** Set when the run was one shard of several (`--shard i/n`). */
  shard?: ShardInfo;
  /** Why the run stopped before its end (the target could not be reached), when it did. */
  stopped?: string;
}
