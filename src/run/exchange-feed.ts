// What `myvalue diff` gets of a run as it goes: every response (or failed request) in run order, masked,
// named by its item's folder, name and URL as the collection writes it ({{variables}} unresolved), so the
// two sides of a diff line up by request, not by resolved values. One channel of the run's listener table.
import type { CollectionDefinition } from 'postman-collection';
import type { Exchange } from '../reports/drift-report';
import { oneLine } from '../shared/text';
import { urlText, type UrlJson } from '../collection/url-json';
import type { RunChannel } from './run-channel';

/** A collection item, as far as the run's indexes read it. */
export interface ItemJson {
  id?: string;
  name?: string;
  item?: ItemJson[];
  request?: { method?: string; url?: string | UrlJson } | string;
}

/** Method and URL as the collection writes them ({{variables}} unresolved), by item id: what a diff names a request by. */
function templateIndex(collection: CollectionDefinition): Map<string, { method: string; url: string }> {
  const index = new Map<string, { method: string; url: string }>();
  const walk = (items: readonly ItemJson[]): void => {
    for (const item of items) {
      if (item.item) walk(item.item);
      else if (item.id !== undefined) {
        const request = typeof item.request === 'string' ? { url: item.request } : (item.request ?? {});
        index.set(item.id, { method: (request.method ?? 'GET').toUpperCase(), url: urlText(request.url) });
      }
    }
  };
  walk((collection.item ?? []) as ItemJson[]);
  return index;
}

/**
 * The channel that hands each exchange of `collection`'s run to `onExchange`, masked by `mask`.
 * @example exchangeFeed(collection, (id) => folders.get(id), (text) => masker.mask(text), (exchange) => exchanges.push(exchange))
 */
export function exchangeFeed(collection: CollectionDefinition, folderOf: (id: string) => string | undefined, mask: (text: string) => string, onExchange: (exchange: Exchange & { ref: string }) => void): RunChannel {
  const templates = templateIndex(collection);
  return {
    request(request) {
      const template = templates.get(request.item.id);
      const contentType = request.response?.header('content-type');
      onExchange({
        ref: request.ref,
        folder: folderOf(request.item.id) ?? '',
        name: request.item.name,
        iteration: request.iteration,
        method: template?.method ?? request.request?.method ?? '',
        urlTemplate: mask(template?.url ?? ''),
        ...(request.response ? { status: request.response.code, body: mask(request.response.text()) } : {}),
        ...(typeof contentType === 'string' ? { contentType } : {}),
        ...(request.error ? { error: mask(oneLine(request.error.message)) } : {}),
      });
    },
  };
}
