// The fake's own admin API under /__admin/ (not part of MyValue). Its requests are not journaled.
import { errorResponse, jsonResponse } from '../http/errors';
import { faultFromJson, type FaultSpec } from './faults';
import { parseJournalQuery } from './journal';
import { journalCollectionOf } from './journal-export';
import { eventsResponse } from './event-stream';
import { exchangeOf } from './journal-exchange';
import { defineRoutes, type Route } from '../routes/route';
import type { Deps } from './deps';

/** The clock as the admin API shows it: now, and the soonest expiry of points still to come. */
const clockView = (deps: Deps): { now: string; nextExpiry: string | null } => ({ now: deps.clock.now().toISOString(), nextExpiry: deps.store.ledger.nextExpiry() ?? null });

export const adminRoutes: Route<Deps>[] = defineRoutes<Deps>([
  {
    method: 'POST',
    path: '/__admin/reset',
    body: 'none',
    handle({ deps }) {
      deps.reset();
      return jsonResponse({ reset: true });
    },
  },
  // GET and HEAD: readiness probes such as `wait-on http://...` send HEAD.
  {
    method: 'GET',
    path: '/__admin/health',
    handle() {
      return jsonResponse({ ok: true });
    },
  },
  {
    method: 'HEAD',
    path: '/__admin/health',
    handle() {
      return jsonResponse('');
    },
  },
  // The clock every time-based rule reads: GET it; POST {"now": ISO} sets it, {"advance": "P1M" | "30d" | ms}
  // moves it forward (never back). The expiries a move passes are booked at once, and counted in the answer.
  {
    method: 'GET',
    path: '/__admin/clock',
    handle({ deps }) {
      return jsonResponse(clockView(deps));
    },
  },
  {
    method: 'POST',
    path: '/__admin/clock',
    handle({ body, deps }) {
      const given = (['now', 'advance'] as const).filter((key) => body[key] !== undefined);
      const unknown = Object.keys(body).filter((key) => key !== 'now' && key !== 'advance');
      if (unknown.length > 0) return errorResponse('ErrValidation', `unknown field ${unknown[0]}: give {"now": ISO 8601} or {"advance": "P1M" | "30d" | milliseconds}`);
      if (given.length !== 1) return errorResponse('ErrValidation', 'give exactly one of now (an ISO 8601 instant) and advance (a duration)');
      const value = body[given[0] as 'now' | 'advance'];
      if (given[0] === 'now' && typeof value !== 'string') return errorResponse('ErrValidation', 'now must be an ISO 8601 instant with its zone, as a string');
      if (given[0] === 'advance' && typeof value !== 'string' && typeof value !== 'number') return errorResponse('ErrValidation', 'advance must be a duration string (P1M, 30d) or milliseconds');
      const move = given[0] === 'now' ? deps.clock.set(value as string) : deps.clock.advance(value as string | number);
      if (!move.ok) return errorResponse('ErrValidation', move.detail);
      return jsonResponse({ ...clockView(deps), movedMs: move.movedMs, expiredLots: move.expiredLots });
    },
  },
  // Fault rules, so a test can make MyValue fail on cue: body { "rule": "point.earn:status=503,times=1" }, { "rules": [...] },
  // or the object form { "route": "point.earn", "status": 503, "times": 1 }. All or nothing, at most
  // MAX_FAULT_RULES held (400 past it).
  {
    method: 'GET',
    path: '/__admin/faults',
    handle({ deps }) {
      const faults = deps.faults.list();
      return jsonResponse({ count: faults.length, faults });
    },
  },
  {
    method: 'POST',
    path: '/__admin/faults',
    handle({ body, deps }) {
      const inputs: unknown[] = Array.isArray(body.rules) ? body.rules : [body];
      if (inputs.length === 0) return errorResponse('ErrValidation', 'rules is empty: give at least one fault rule');
      const specs: FaultSpec[] = [];
      for (const [i, input] of inputs.entries()) {
        const parsed = faultFromJson(input);
        if (!parsed.ok) return errorResponse('ErrValidation', `${inputs.length > 1 ? `rules[${i}]: ` : ''}${parsed.detail}`);
        specs.push(parsed.value);
      }
      const added = deps.faults.addAll(specs);
      if (!added.ok) return errorResponse('ErrValidation', added.detail);
      return jsonResponse({ count: added.value.length, faults: added.value }, 201);
    },
  },
  {
    method: 'DELETE',
    path: '/__admin/faults',
    handle({ deps }) {
      return jsonResponse({ cleared: deps.faults.clear() });
    },
  },
  {
    method: 'DELETE',
    path: '/__admin/faults/:id',
    handle({ deps, params }) {
      const id = params.id ?? '';
      if (deps.faults.remove(id)) return jsonResponse({ removed: id });
      return jsonResponse({ id: 'ErrFaultNotFound', detail: `No fault rule with id "${id}"`, errorCode: 404 }, 404);
    },
  },
  // Request journal, what a partner's app sent and how it was answered: filters method, path, rule, clientId, status, signOk, since.
  {
    method: 'GET',
    path: '/__admin/requests',
    handle({ deps, req }) {
      const parsed = parseJournalQuery(req.query);
      if (!parsed.ok) return errorResponse('ErrValidation', parsed.detail);
      const requests = deps.journal.list(parsed.filter);
      return jsonResponse({ count: requests.length, requests });
    },
  },
  // The journal's External and Auth API requests as a Postman v2.1 collection, same filters (journal-collection.ts).
  {
    method: 'GET',
    path: '/__admin/requests/collection',
    handle({ deps, req }) {
      const parsed = parseJournalQuery(req.query);
      if (!parsed.ok) return errorResponse('ErrValidation', parsed.detail);
      return jsonResponse(journalCollectionOf(deps, parsed.filter));
    },
  },
  // One request in full (dashboard): its headers, the answer the fake gave (body up to 4,096 characters), secrets masked.
  {
    method: 'GET',
    path: '/__admin/requests/:seq',
    handle({ deps, params }) {
      const seq = params.seq ?? '';
      const found = /^\d{1,15}$/.test(seq) ? deps.journal.bySeq(Number(seq)) : undefined;
      if (found) return jsonResponse(exchangeOf(found.entry, found.record, deps.journal.hide));
      return jsonResponse({ id: 'ErrRequestNotFound', detail: `No request ${seq} in the journal (it keeps the last ${deps.journal.capacity})`, errorCode: 404 }, 404);
    },
  },
  // The journal live, as server-sent events (event-stream.ts); the Express adapter keeps the stream open.
  {
    method: 'GET',
    path: '/__admin/events',
    handle({ deps, req }) {
      return eventsResponse(deps.journal, req.headers['last-event-id'], req.eventStreams ?? 0);
    },
  },
  {
    method: 'DELETE',
    path: '/__admin/requests',
    handle({ deps }) {
      return jsonResponse({ cleared: deps.journal.clear() });
    },
  },
]);
