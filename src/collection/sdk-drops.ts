// What Postman's SDK leaves out of a v2.1 collection's JSON without a word, said in one line each: a
// folder's or request's own `variable` list (neither the SDK nor Newman reads one), events that are not
// objects, script code that is neither text nor a list of lines. Pure: over the parsed JSON.
import { isObject } from '../shared/text';

const shown = (value: unknown): string => String(JSON.stringify(value)).slice(0, 60);

function eventDrops(events: unknown, where: string, out: string[]): void {
  if (events === undefined || events === null) return;
  for (const event of Array.isArray(events) ? events : [events]) {
    if (!isObject(event)) {
      out.push(`skipped an event of ${where}: ${shown(event)} is not an object`);
      continue;
    }
    const exec = isObject(event.script) ? event.script.exec : undefined;
    if (exec !== undefined && typeof exec !== 'string' && !Array.isArray(exec)) {
      out.push(`skipped the code of a ${JSON.stringify(event.listen ?? null)} script of ${where}: its "exec" is ${shown(exec)}, not text or a list of lines`);
    }
  }
}

/**
 * One line per part of a v2.1 collection (parsed JSON, depth already bounded) that Postman's SDK drops.
 * @example sdkDrops({ item: [{ name: 'F', variable: [{ key: 'a' }], item: [] }] }) // ['skipped the variables of folder "F": ...']
 */
export function sdkDrops(json: unknown): string[] {
  const out: string[] = [];
  if (!isObject(json)) return out;
  eventDrops(json.event, 'the collection', out);
  const walk = (items: unknown, names: readonly string[]): void => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (!isObject(item)) continue;
      const path = [...names, typeof item.name === 'string' ? item.name : ''];
      const folder = Array.isArray(item.item);
      const where = `${folder ? 'folder' : 'request'} ${JSON.stringify(path.join(' / '))}`;
      const own = item.variable;
      if (own !== undefined && own !== null && !(Array.isArray(own) && own.length === 0)) {
        out.push(`skipped the variables of ${where}: Postman's SDK, and so Newman, reads no variables of a ${folder ? 'folder' : 'request'} (give them to the collection, or as a v3 folder's variables)`);
      }
      eventDrops(item.event, where, out);
      if (folder) walk(item.item, path);
    }
  };
  walk(json.item, []);
  return out;
}
