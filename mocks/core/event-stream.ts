// GET /__admin/events: the journal as server-sent events (text/event-stream), for the dashboard's live list.
// The core answers the request as any other (the admin guard first: Origin, token), with the events the
// journal already holds as the body and a `stream` directive, or 503 past EVENTS_MAX_STREAMS open streams;
// the Express adapter then keeps the connection open and its event hub (event-hub.ts) writes each new
// request with sseFrame, and a heartbeat comment now and then.
import { errorResponse } from '../http/errors';
import type { FakeResponse } from '../http/types';
import type { Journal } from './journal';
import { signExplainOf, type JournalRow } from './journal-exchange';

/** The newest requests sent when a stream opens (after Last-Event-ID, when the browser gives one). */
export const EVENTS_BACKLOG = 200;
/** How long a browser waits before it connects again, in ms (the stream's `retry:` field). */
export const EVENTS_RETRY_MS = 2_000;
/** How often the adapter writes a comment, so proxies and the browser keep an idle stream open. */
export const EVENTS_HEARTBEAT_MS = 15_000;
/**
 * Streams a server keeps open at once: each costs a write per request and up to EVENTS_UNSENT_MAX_BYTES
 * of memory; a few dashboard tabs need a few. Past it, 503 ErrTooManyStreams.
 */
export const EVENTS_MAX_STREAMS = 16;

/** The event name of one journaled request. */
export const REQUEST_EVENT = 'request';
/** The event sent when the journal is emptied (a reset from anywhere, DELETE /__admin/requests). */
export const CLEARED_EVENT = 'cleared';

/** The journal was emptied: the list a page shows is to be emptied too. */
export const clearedFrame = (): string => sseFrame({ event: CLEARED_EVENT, data: {} });

/**
 * One event in the text/event-stream format: `id:`, `event:`, one `data:` line per line of its text, a blank line.
 * @example sseFrame({ id: '7', event: 'request', data: { seq: 7 } }) // 'id: 7\nevent: request\ndata: {"seq":7}\n\n'
 */
export function sseFrame(frame: { id?: string; event?: string; data: unknown; retry?: number }): string {
  const text = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
  // A field's value may not hold a line break: an id or event name with one would end the field early.
  const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ');
  const lines = [
    ...(frame.retry !== undefined ? [`retry: ${frame.retry}`] : []),
    ...(frame.id !== undefined ? [`id: ${oneLine(frame.id)}`] : []),
    ...(frame.event !== undefined ? [`event: ${oneLine(frame.event)}`] : []),
    ...text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`),
  ];
  return `${lines.join('\n')}\n\n`;
}

/** A comment line (ignored by browsers): the heartbeat. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** A journaled request as an event: its seq is the event id, so a browser that reconnects says where it was. */
export function requestFrame(row: JournalRow): string {
  return sseFrame({ id: String(row.seq), event: REQUEST_EVENT, data: row });
}

/** The journal's last requests after `lastEventId`, oldest first, with a refused sign's explanation. */
function backlog(journal: Journal, lastEventId: string | undefined): JournalRow[] {
  const after = lastEventId !== undefined && /^\d{1,15}$/.test(lastEventId.trim()) ? Number(lastEventId) : 0;
  // list() and records() walk the same ring in the same order: entry i is record i.
  const entries = journal.list().slice(-EVENTS_BACKLOG);
  const records = journal.records().slice(-EVENTS_BACKLOG);
  return entries.flatMap((entry, i) => {
    const record = records[i];
    return entry.seq > after && record ? [{ ...entry, signExplain: signExplainOf(record, journal.hide) }] : [];
  });
}

/**
 * The answer to GET /__admin/events: the stream's headers and first events; `stream: 'journal'` tells the
 * adapter to keep it open for the requests to come. With `open` streams already at EVENTS_MAX_STREAMS,
 * 503 (before any event is framed); a browser's page tries again after the stream's `retry`.
 */
export function eventsResponse(journal: Journal, lastEventId: string | undefined, open = 0): FakeResponse {
  if (open >= EVENTS_MAX_STREAMS) {
    const detail = `The fake serves at most ${EVENTS_MAX_STREAMS} event streams at once (GET /__admin/events) and ${open} are open: close one (another dashboard tab) and try again`;
    return errorResponse('ErrTooManyStreams', detail, { 'retry-after': String(EVENTS_RETRY_MS / 1000) });
  }
  const first = [sseFrame({ retry: EVENTS_RETRY_MS, event: 'hello', data: { capacity: journal.capacity, backlog: EVENTS_BACKLOG } }), ...backlog(journal, lastEventId).map(requestFrame)].join('');
  return {
    status: 200,
    // Proxies that buffer (nginx) would hold the events back: x-accel-buffering.
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
    body: first,
    stream: 'journal',
  };
}
