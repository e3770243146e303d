// Public face of the contract module: load the OpenAPI file once, check every response against it.
export { createContract, DEFAULT_IGNORED_PATHS, type ContractOptions } from './contract';
export { loadContract, DEFAULT_CONTRACT_FILE } from './load-contract';
export { MAX_SCHEMA_VIOLATIONS } from './schema-violations';
export { requestPath } from './match-path';
export { ContractError } from './types';
export type { Contract, ContractExample, ContractOperation, ContractResponse, ContractViolation, ViolationKind } from './types';
