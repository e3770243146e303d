// Public face of the harness: load a collection, inject the signing hook, run it, gate and merge.
export * from './load-collection';
export * from './hook-script';
export * from './inject-hook';
export * from './masker';
export * from './run-target';
export * from './run-report';
export * from './run-collection';
export { runGate, type GateOptions, type GateResult } from './gate';
export { mergeReportDirs, type MergeResult } from './merge';
export { parseShard, shardLabel, type Shard } from './shard';
