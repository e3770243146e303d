// Puts the signing hook last among the pre-request scripts of every request, so it sees what the
// collection, folder and request scripts set. Idempotent: the event with HOOK_EVENT_ID is replaced.
import sdk, { type Collection, type Event, type Item, type ItemGroup } from 'postman-collection';
import { HOOK_EVENT_ID, hookScript } from './hook-script';

/**
 * Returns a copy of the collection with the hook as the last prerequest event of each request item
 * (and none left at collection or folder level from older injections).
 * @example const signed = injectHook(loaded.collection); writeFileSync(out, JSON.stringify(signed.toJSON(), null, 2));
 */
export function injectHook(collection: Collection): Collection {
  const copy = new sdk.Collection(collection.toJSON());
  const exec = hookScript().split('\n');
  const strip = (owner: Collection | ItemGroup<Item> | Item): void => {
    owner.events.remove((event: Event) => event.id === HOOK_EVENT_ID, undefined);
  };
  strip(copy);
  copy.forEachItemGroup((group) => strip(group));
  copy.forEachItem((item) => {
    strip(item);
    item.events.add(new sdk.Event({ id: HOOK_EVENT_ID, listen: 'prerequest', script: { id: `${HOOK_EVENT_ID}-script`, type: 'text/javascript', exec } }));
  });
  return copy;
}

/** Number of request items that carry the hook. */
export function countHooked(collection: Collection): number {
  let count = 0;
  collection.forEachItem((item) => {
    if (item.events.has(HOOK_EVENT_ID)) count += 1;
  });
  return count;
}
