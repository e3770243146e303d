// Entry point `myvalue-harness/harness`: run any Postman collection through Newman, signed, against a
// target; the CI gate; merging shards' reports; the signing hook for the Postman app.
export { runCollection, type RunOptions, type RunResult } from './run-collection';
export { DEFAULT_COLLECTION, AUTH_FOLDER, MAX_RETRIES } from './prepare-run';
export type { RunReport, RequestReport, AssertionReport, RetryReport, SkipNote } from './run-report';
export { runGate, type GateOptions, type GateResult } from './gate';
export type { GateSummary } from './gate-report';
export { mergeReportDirs, type MergeResult, type MergedRunReport, type MergedShard } from './merge';
export { parseShard, shardLabel, type Shard, type ShardInfo } from './shard';
export { signCollection, type SignCollectionOptions, type SignCollectionResult } from './sign-collection';
export type { CollectionVersion } from './load-collection';
export { hookScript, SECRET_VARIABLE, HOOK_EVENT_ID } from './hook-script';
export { createMasker, MASK, type Masker } from './masker';
export type { Sink } from './capture-output';
export { DEFAULT_CONTRACT_FILE } from '../contract/load-contract';
