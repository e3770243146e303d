// Loads a Postman collection (v2.0, v2.1, or v1 converted) from a file or an http(s) URL, or a
// collection schema 3.0.0 directory (converted in memory, src/collection/v3).
// Everything a user can get wrong comes back as a one-line error value, never a throw.
import { resolve } from 'node:path';
import sdk, { type Collection, type CollectionDefinition } from 'postman-collection';
import transformer from 'postman-collection-transformer';
import { decodeText, readTextFile } from '../shared/decode-text';
import { isObject, jsonProblem, oneLine } from '../shared/text';
import { isV3Source, readV3Collection } from './v3/read-v3-collection';
import { sdkDrops } from './sdk-drops';

export type CollectionVersion = '1.0.0' | '2.0.0' | '2.1.0' | '3.0.0';

export type LoadResult =
  | {
      ok: true;
      collection: Collection;
      /** The JSON the collection was built from, as read (v1 and v3 converted): what inject and convert write, with no SDK round trip (which adds random ids and folds `_postman_*` fields into `_`). */
      json: CollectionDefinition;
      version: CollectionVersion;
      source: string;
      /** One line per part that was skipped: of a v3 collection (e.g. a grpc-request), or that Postman's SDK drops from a JSON one. */
      warnings: string[];
    }
  | { ok: false; error: string };

const SCHEMA_VERSION = /collection\/v(2\.[01])\.\d+\//;
const FETCH_TIMEOUT_MS = 15_000;
/** The most a collection served over http(s) may be: the shipped one is about 60 KB; a server sending without end stops here. */
export const MAX_COLLECTION_BYTES = 64 * 1024 * 1024;

/** A response's text, read until MAX_COLLECTION_BYTES; undefined past it (the rest is not read). */
async function boundedText(response: Response): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > MAX_COLLECTION_BYTES) return undefined;
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    // Leaving the loop cancels the stream: the rest is never read.
    if (size > MAX_COLLECTION_BYTES) return undefined;
    chunks.push(chunk);
  }
  return decodeText(Buffer.concat(chunks));
}

async function readSource(source: string, cwd: string): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  if (/^https?:\/\//i.test(source)) {
    try {
      const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) return { ok: false, error: `cannot load collection ${source}: HTTP ${response.status}` };
      const text = await boundedText(response);
      if (text === undefined) return { ok: false, error: `cannot load collection ${source}: it is larger than ${MAX_COLLECTION_BYTES / 1024 / 1024} MiB` };
      return { ok: true, text };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      return { ok: false, error: `cannot load collection ${source}: ${cause}` };
    }
  }
  try {
    return { ok: true, text: await readTextFile(resolve(cwd, source)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `cannot read collection ${source}: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}` };
  }
}

function convertV1(json: object): Promise<{ ok: true; json: object } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    try {
      transformer.convert(json, { inputVersion: '1.0.0', outputVersion: '2.1.0', retainIds: true }, (error, result) => {
        if (error) resolve({ ok: false, error: error.message });
        else resolve({ ok: true, json: result });
      });
    } catch (error) {
      resolve({ ok: false, error: (error as Error).message });
    }
  });
}

/** Which Postman format a parsed JSON value is in, or undefined when it is none. */
export function collectionVersion(json: unknown): CollectionVersion | undefined {
  if (!isObject(json)) return undefined;
  // An item list is v2, as Newman reads it: the SDK takes the name from `info`, or from the top level
  // when there is no `info` (Newman's own inherited-entities collection has none).
  if (Array.isArray(json.item)) {
    const schema = isObject(json.info) ? json.info.schema : undefined;
    return typeof schema === 'string' && SCHEMA_VERSION.exec(schema)?.[1] === '2.0' ? '2.0.0' : '2.1.0';
  }
  if (Array.isArray(json.requests) && (typeof json.name === 'string' || typeof json.id === 'string')) return '1.0.0';
  return undefined;
}

/**
 * How deeply a collection file's JSON may nest: a folder is two levels (its item list and itself), so
 * about 128 folders within folders. Postman's SDK and this harness walk collections recursively; past
 * this bound (a file made by a script gone wrong) they would exhaust the stack.
 */
export const MAX_COLLECTION_DEPTH = 256;

/**
 * Reads, parses and normalises a collection (a file relative to `cwd`, or an http(s) URL); v1 goes
 * through postman-collection-transformer.
 * @example const loaded = await loadCollection('collections/myvalue-partner.postman_collection.json');
 *          if (!loaded.ok) console.error(loaded.error);
 */
export async function loadCollection(source: string, cwd: string = process.cwd()): Promise<LoadResult> {
  if (!/^https?:\/\//i.test(source) && (await isV3Source(source, cwd))) {
    const v3 = await readV3Collection(source, cwd);
    if (!v3.ok) return v3;
    try {
      return { ok: true, collection: new sdk.Collection(v3.value.collection), json: v3.value.collection as CollectionDefinition, version: '3.0.0', source, warnings: v3.value.warnings };
    } catch (error) {
      return { ok: false, error: `${source} is not a valid Postman collection: ${oneLine((error as Error).message)}` };
    }
  }
  const read = await readSource(source, cwd);
  if (!read.ok) return read;
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    return { ok: false, error: `${source} is not JSON: ${oneLine((error as Error).message)}` };
  }
  if (jsonProblem(json, MAX_COLLECTION_DEPTH) !== undefined) {
    return { ok: false, error: `${source} is not read: its JSON is nested deeper than ${MAX_COLLECTION_DEPTH} levels (folders within folders about ${MAX_COLLECTION_DEPTH / 2} deep)` };
  }
  const version = collectionVersion(json);
  if (!version) {
    const values = (json as { values?: unknown } | null)?.values;
    const scope = (json as { _postman_variable_scope?: unknown } | null)?._postman_variable_scope;
    if (Array.isArray(values) || scope === 'environment' || scope === 'globals') {
      return { ok: false, error: `${source} is not a Postman collection: it is a Postman ${scope === 'globals' ? 'globals file' : 'environment'} (a "values" list); give it with --environment ${source}` };
    }
    return { ok: false, error: `${source} is not a Postman collection (expected an "item" list, or a v1 "requests" list)` };
  }
  let definition = json as object;
  if (version === '1.0.0') {
    const requests = (json as { requests: unknown[] }).requests.length;
    const converted = await convertV1(definition);
    if (!converted.ok) return { ok: false, error: `${source} is a v1 collection that cannot be converted: ${oneLine(converted.error)}` };
    const items = (converted.json as { item?: unknown[] }).item;
    if (requests > 0 && (!Array.isArray(items) || items.length === 0)) return { ok: false, error: `${source} is a v1 collection that cannot be converted: no requests survived the conversion` };
    definition = converted.json;
  }
  try {
    return { ok: true, collection: new sdk.Collection(definition), json: definition as CollectionDefinition, version, source, warnings: sdkDrops(definition) };
  } catch (error) {
    return { ok: false, error: `${source} is not a valid Postman collection: ${oneLine((error as Error).message)}` };
  }
}
