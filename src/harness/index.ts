// Entry point `myvalue-harness/harness`: run any Postman collection through Newman, signed, against a
// target; the CI gate; merging shards' reports; the drift report of two targets; certifying a partner's backend
// under faults; the signing hook for the Postman app.
export { runCollection, type RunOptions, type RunResult } from '../run/run-collection';
export { DEFAULT_COLLECTION, AUTH_FOLDER } from '../run/prepare-run';
export { MAX_RETRIES } from '../run/run-limits';
export type { RunReport, RequestReport, AssertionReport, RetryReport, SkipNote } from '../reports/run-json';
export { runGate, type GateOptions, type GateResult } from '../run/gate';
export type { GateSummary } from '../reports/gate-report';
export { runDiff, type DiffOptions, type DiffResult, type DiffSide } from '../run/diff';
export type { DriftReport, DriftRequest, DriftSide, Exchange } from '../reports/drift-report';
export { runCertify, type CertifyOptions, type CertifyResult } from '../run/certify';
export type { CertifyReport, CertifyScenarioReport } from '../reports/certify-report';
export { mergeReportDirs, type MergeResult, type MergedRunReport, type MergedShard } from '../reports/merge';
export { parseShard, shardLabel, type Shard, type ShardInfo } from '../collection/shard';
export { signCollection, type SignCollectionOptions, type SignCollectionResult } from '../collection/sign-collection';
export type { CollectionVersion } from '../collection/load-collection';
export { hookScript, SECRET_VARIABLE, HOOK_EVENT_ID } from '../collection/hook-script';
export { createMasker, MASK, type Masker } from '../shared/masker';
export type { Sink } from '../run/capture-output';
export { DEFAULT_CONTRACT_FILE } from '../contract/load-contract';
