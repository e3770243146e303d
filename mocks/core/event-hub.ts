// The open GET /__admin/events streams of a server, fed by one journal subscription: each request is
// framed (serialised) once and the same text goes to every stream, and every byte a stream gets goes
// through one bounded write. A stream whose client falls behind (its unsent bytes more than
// EVENTS_UNSENT_MAX_BYTES past what its first events left unsent) is ended: a page connects again with
// Last-Event-ID and gets what it missed from the journal; a client that never reads is gone, and with it
// the memory it held. Pure: the adapter gives each stream a sink over its connection.
import type { FakeJournal } from './fake-my-value';
import { clearedFrame, requestFrame, sseComment } from './event-stream';

/** How far a stream may fall behind its live events, in bytes written but not yet taken by its client. */
export const EVENTS_UNSENT_MAX_BYTES = 1024 * 1024;

/** One stream's connection, as the adapter gives it. */
export interface EventSink {
  write(text: string): void;
  /** Bytes written and not yet taken by the client. */
  unsent(): number;
  /** Ends the connection at once, dropping what waits. */
  end(): void;
}

export interface EventStream {
  /** Writes a comment (proxies and browsers keep a quiet stream open). */
  heartbeat(): void;
  /** The connection closed: no more writes. Safe to call twice. */
  close(): void;
}

export interface EventHub {
  /** Starts a stream: writes its first events (the core's answer), then each request and clear as it comes. */
  open(first: string, sink: EventSink): EventStream;
  /** Streams open now: the adapter tells the core, which refuses one past EVENTS_MAX_STREAMS. */
  readonly size: number;
}

/**
 * The event streams of one server, over the journal's subscription (taken while a stream is open).
 * @example const hub = createEventHub((l, c) => fake.journal.subscribe(l, c)); const s = hub.open(body, sink);
 */
export function createEventHub(subscribe: FakeJournal['subscribe']): EventHub {
  // Each open stream's sink, with the unsent bytes past which it is ended.
  const limits = new Map<EventSink, number>();
  let unsubscribe: (() => void) | undefined;
  const close = (sink: EventSink): void => {
    if (!limits.delete(sink) || limits.size > 0) return;
    unsubscribe?.();
    unsubscribe = undefined;
  };
  const send = (sink: EventSink, text: string): void => {
    const limit = limits.get(sink);
    if (limit === undefined) return;
    sink.write(text);
    if (sink.unsent() <= limit) return;
    close(sink);
    sink.end();
  };
  const broadcast = (text: string): void => {
    for (const sink of limits.keys()) send(sink, text);
  };
  return {
    get size() {
      return limits.size;
    },
    open(first, sink) {
      // The first events may be large (up to EVENTS_BACKLOG requests): the bound counts from what they leave unsent.
      limits.set(sink, Number.POSITIVE_INFINITY);
      send(sink, first);
      limits.set(sink, sink.unsent() + EVENTS_UNSENT_MAX_BYTES);
      unsubscribe ??= subscribe((row) => broadcast(requestFrame(row)), () => broadcast(clearedFrame()));
      return { heartbeat: () => send(sink, sseComment('heartbeat')), close: () => close(sink) };
    },
  };
}
