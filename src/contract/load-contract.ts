// Reads the project's OpenAPI file (YAML or JSON) and compiles it: the only I/O of the contract.
import { readFileSync, statSync } from 'node:fs';
import { createContract, type ContractOptions } from './contract';
import { ContractError, type Contract } from './types';
import { CONTRACT_FILE } from '../shared/package-files';
import { CORE_SCHEMA, loadYaml } from '../shared/yaml';

/** collections/openapi/myvalue.openapi.yaml of this project. */
export const DEFAULT_CONTRACT_FILE: string = CONTRACT_FILE;

/**
 * Loads and compiles a contract file; keep the result and call check() per response.
 * @example const contract = loadContract();
 *          for (const v of contract.check({ method: 'POST', path: '/service/point/earn/', status: 200, contentType: 'application/json', body })) console.log(v.message);
 */
export function loadContract(file: string = DEFAULT_CONTRACT_FILE, options: ContractOptions = {}): Contract {
  // Compiling is most of the cost (~0.4 s for the shipped file); a contract is immutable, so runs in
  // one process with the same file, unchanged on disk, and the same options share it.
  let key: string | undefined;
  try {
    const stat = statSync(file);
    key = JSON.stringify([file, stat.mtimeMs, stat.size, options]);
  } catch {
    // unreadable: the read below says why
  }
  const cached = key === undefined ? undefined : compiled.get(key);
  if (cached) return cached;
  const contract = compileFile(file, options);
  if (key !== undefined) {
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, contract);
  }
  return contract;
}

const MAX_CACHED = 8;
const compiled = new Map<string, Contract>();

function compileFile(file: string, options: ContractOptions): Contract {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ContractError(`cannot read contract file ${file}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    // js-yaml parses this file about five times faster than `yaml`: a run starts ~0.1 s sooner.
    // CORE_SCHEMA keeps timestamps in examples as strings, as JSON has them.
    doc = loadYaml(text, { schema: CORE_SCHEMA });
  } catch (error) {
    throw new ContractError(`contract file ${file} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  return createContract(doc, options);
}
