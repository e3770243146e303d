// Minimal typings (CommonJS: import the default export, named ESM imports fail at run time) for the Postman libraries the harness uses (none ship their own, and the
// DefinitelyTyped packages would be one more dependency for a handful of calls).

declare module 'postman-collection' {
  export interface EventDefinition {
    id?: string;
    listen: string;
    script?: { type?: string; exec?: string[] | string; id?: string };
    disabled?: boolean;
  }
  export class Event {
    constructor(definition: EventDefinition);
    id: string;
    listen: string;
    script: { exec?: string[] };
    toJSON(): EventDefinition;
  }
  export class PropertyList<T> {
    add(item: T | object): void;
    remove(predicate: (item: T) => boolean, context: unknown): void;
    has(key: string): boolean;
    all(): T[];
    count(): number;
    each(fn: (item: T) => void): void;
    filter(fn: (item: T) => boolean): T[];
  }
  export class EventList extends PropertyList<Event> {}
  export interface Url {
    toString(): string;
    getPath(unresolved?: boolean): string;
  }
  export interface Request {
    method: string;
    url: Url;
  }
  export class Item {
    id: string;
    name: string;
    request: Request;
    events: EventList;
    parent(): ItemGroup<Item> | Collection | undefined;
  }
  export class ItemGroup<T> {
    id: string;
    name: string;
    items: PropertyList<T | ItemGroup<T>>;
    events: EventList;
    parent(): ItemGroup<T> | Collection | undefined;
  }
  export class Collection extends ItemGroup<Item> {
    constructor(definition?: object);
    static isCollection(value: unknown): boolean;
    forEachItem(fn: (item: Item) => void): void;
    forEachItemGroup(fn: (group: ItemGroup<Item>) => void): void;
    toJSON(): CollectionDefinition;
  }
  export interface CollectionDefinition {
    info?: { name?: string; schema?: string; _postman_id?: string };
    item?: object[];
    event?: EventDefinition[];
    variable?: object[];
  }
  /** Url.parse: a URL string as the parts of a v2.1 url object (host, path, query, variable, ...). */
  export class UrlClass {
    constructor(definition: object | string);
    toString(forceProtocol?: boolean): string;
  }
  const sdk: { Collection: typeof Collection; Event: typeof Event; Url: typeof UrlClass & { parse(url: string): Record<string, unknown> } };
  export default sdk;
}

declare module 'postman-collection-transformer' {
  export function convert(
    collection: object,
    options: { inputVersion: string; outputVersion: string; retainIds?: boolean },
    callback: (error: Error | null, result: object) => void,
  ): void;
  const transformer: { convert: typeof convert };
  export default transformer;
}

declare module 'newman' {
  import type { EventEmitter } from 'node:events';
  export interface NewmanExport {
    name: string;
    default?: string;
    path?: string;
    content: unknown;
  }
  export interface NewmanEmitter extends EventEmitter {
    exports: NewmanExport[];
    summary: NewmanSummary;
  }
  export interface NewmanSummary {
    error?: Error;
    collection: { name: string };
    run: {
      stats: Record<string, { total: number; failed: number; pending?: number }>;
      failures: Array<{ error: { name?: string; message: string; test?: string }; source?: { name?: string }; parent?: { name?: string }; at?: string }>;
      executions: NewmanExecution[];
      timings: { started: number; completed: number; responseAverage?: number };
      error?: Error | null;
    };
  }
  export interface NewmanExecution {
    cursor: { ref: string; iteration: number };
    item: { id: string; name: string; parent?: () => { name?: string } | undefined };
    request?: { method: string; url: { toString(): string } };
    response?: { code: number; status: string; responseTime: number; stream?: Buffer; text(): string };
    requestError?: { message: string; code?: string };
    assertions?: Array<{ assertion: string; skipped?: boolean; error?: { name?: string; message: string } }>;
    testScript?: Array<{ error?: { name?: string; message: string } }>;
    prerequestScript?: Array<{ error?: { name?: string; message: string } }>;
  }
  export function run(options: Record<string, unknown>, callback?: (error: Error | null, summary: NewmanSummary) => void): NewmanEmitter;
  const newman: { run: typeof run };
  export default newman;
}
