// A collection file or URL in, the same collection with the signing hook on every request out, as
// v2.1 JSON: what `myvalue inject` writes, as a function.
import { countHooked, hookedDefinition } from './inject-hook';
import { loadCollection, type CollectionVersion } from './load-collection';

export interface SignCollectionOptions {
  /** Append the hook to each request's own pre-request script instead of adding a second script. */
  singleScript?: boolean;
}

export type SignCollectionResult =
  | { ok: true; collection: Record<string, unknown>; hooked: number; version: CollectionVersion; warnings: string[] }
  | { ok: false; error: string };

/**
 * Loads a collection (v2.1, v2.0, or v1 converted) and injects the signing hook.
 * @example const signed = await signCollection('partner.postman_collection.json');
 *          if (signed.ok) writeFileSync('partner.signed.postman_collection.json', JSON.stringify(signed.collection, null, 2));
 */
export async function signCollection(source: string, options: SignCollectionOptions = {}): Promise<SignCollectionResult> {
  const loaded = await loadCollection(source);
  if (!loaded.ok) return loaded;
  // The JSON as read, the hook added to it: no SDK round trip, so ids, `info` and `_postman_*` fields stay
  // as the source has them and the same source gives the same bytes. A v3 collection goes back to the
  // app as v3, with one beforeRequest script per request (docs/decisions/v3-collections.md).
  const merged = options.singleScript === true || loaded.version === '3.0.0';
  const collection = hookedDefinition(loaded.json, merged ? 'merged' : 'event') as unknown as Record<string, unknown> & { item?: unknown[] };
  return { ok: true, collection, hooked: countHooked(collection), version: loaded.version, warnings: loaded.warnings };
}
