// The fake's request pipeline as a list of small steps. Each step reads the exchange and either
// answers (the pipeline stops there) or notes what it found and lets the next one look:
//   MyValue's routes: Prefer header, fault header, admission (body, client, sign: once, naming the
//   caller for the journal), fault rules, forced answer (Prefer), faults that answer before the
//   handler (status, drop), unknown route, refusal, handler; then the faults that act on the answer
//   (malformed, no-answer) and the fault's header and latency.
//   The admin API: its guard (Host, Origin, media type, token), unknown route, refusal, handler (never
//   faulted, never journaled).
import { errorResponse } from '../http/errors';
import { secretsEqual } from '../domain/passwords';
import { isJsonType, mediaType } from '../http/json-body';
import type { FakeRequest, FakeResponse } from '../http/types';
import { admit, type Admitted, type Who } from './admission';
import type { Deps } from './deps';
import { droppedResponse, faultFromHeader, FAULT_HEADER, malformedResponse, statusFaultResponse, type FiredFault } from './faults';
import { parsePrefer, preferredResponse, type Preference } from './prefer';
import type { Found } from './route-table';
import { isOwnHost, isOwnOrigin, ownHostsText, ownOrigins } from './own-origin';
import { bookExpiries } from './expiries';

export interface Outcome {
  response: FakeResponse;
  /** Why, for the log line ('' when nothing to say). */
  note: string;
  /** The fault or forced answer applied, for the journal and the log. */
  fault?: string;
  /** A forced (Prefer) answer: the documented example as it is, never cut by a body fault. */
  forced?: true;
}

/** One request on its way through the steps. */
export interface Exchange {
  readonly deps: Deps;
  readonly req: FakeRequest;
  /** Upper case. */
  readonly method: string;
  readonly found: Found;
  readonly random: () => number;
  /** Who sent it, from the admission step (NOBODY until then, and for unknown routes). */
  who: Who;
  admitted?: Admitted;
  prefer?: Preference;
  fired?: FiredFault;
}

type Step = (x: Exchange) => Outcome | undefined;

/** Points whose expiry the clock has passed are booked expired before anything reads or spends them. */
const settleDue: Step = (x) => {
  bookExpiries(x.deps.store, x.deps.clock.now());
  return undefined;
};

const routeOf = (x: Exchange): Extract<Found, { route: unknown }> | undefined => ('route' in x.found ? x.found : undefined);

const readPrefer: Step = (x) => {
  const prefer = parsePrefer(x.req.headers.prefer);
  if (!prefer.ok) return { response: errorResponse('ErrValidation', prefer.detail), note: 'bad Prefer header' };
  x.prefer = prefer.value;
  return undefined;
};

const readFaultHeader: Step = (x) => {
  const header = faultFromHeader(x.req.headers[FAULT_HEADER], x.random);
  if (!header.ok) return { response: errorResponse('ErrValidation', header.detail), note: `bad ${FAULT_HEADER} header` };
  x.fired = header.value;
  return undefined;
};

const admission: Step = (x) => {
  const found = routeOf(x);
  if (!found) return undefined;
  x.admitted = admit(x.deps, x.req, found.route, found.params);
  x.who = x.admitted.who;
  return undefined;
};

// A request's own fault header wins over the rules and then uses up none of their `times`; so does Prefer.
const pickFault: Step = (x) => {
  if (x.fired === undefined && !x.prefer) x.fired = x.deps.faults.pick({ method: x.method, path: x.req.path, rule: routeOf(x)?.route.rule?.name });
  return undefined;
};

const forcedByPrefer: Step = (x) => {
  const found = routeOf(x);
  if (!x.prefer || !found) return undefined;
  return { response: preferredResponse(x.method, found.route.path, x.prefer), note: `forced by Prefer: ${x.prefer.text}`, fault: `prefer:${x.prefer.text}`, forced: true };
};

// Status and drop faults answer before the handler runs: nothing changes.
const faultBefore: Step = (x) => {
  const outcome = x.fired?.outcome;
  if (outcome?.kind === 'status') return { response: statusFaultResponse(outcome.status, x.fired?.source ?? ''), note: '' };
  if (outcome?.kind === 'drop') return { response: droppedResponse(x.fired?.source ?? ''), note: '' };
  return undefined;
};

const unknownRoute: Step = (x) => {
  if ('route' in x.found) return undefined;
  const { allowed } = x.found;
  if (allowed.length > 0) {
    return { response: errorResponse('ErrMethodNotAllowed', `${x.method} is not allowed on ${x.req.path}; use ${allowed.join(', ')}`, { allow: allowed.join(', ') }), note: '' };
  }
  return { response: errorResponse('ErrRouteNotFound', `No route for ${x.method} ${x.req.path}`), note: '' };
};

const refusal: Step = (x) => (x.admitted && !x.admitted.ok ? { response: x.admitted.response, note: x.admitted.note } : undefined);

const handler: Step = (x) => {
  const found = routeOf(x);
  if (!found || !x.admitted?.ok) return undefined;
  return { response: found.route.handle(x.admitted.ctx), note: x.admitted.who.rule ?? '' };
};

/** The faults that act on the handled answer (the change is committed), and the fault's header and latency. */
function afterFaults(x: Exchange, outcome: Outcome): Outcome {
  const { fired } = x;
  if (!fired) return outcome;
  let response = outcome.response;
  if (!outcome.forced && fired.outcome?.kind === 'malformed') response = malformedResponse(response, fired.source);
  if (!outcome.forced && fired.outcome?.kind === 'no-answer') response = { ...response, fault: 'no-answer' };
  response = { ...response, headers: { ...response.headers, [FAULT_HEADER]: fired.source } };
  if (fired.latencyMs) response.delayMs = fired.latencyMs;
  return { ...outcome, response, fault: outcome.fault ?? fired.source };
}

/**
 * The admin API (every route of the admin area, however its path was spelled: route-table.ts) is not for
 * other sites: a browser page elsewhere could otherwise reset the fake, add a `*:drop` fault or mint an
 * SSO code. Browsers send Origin on every cross-site POST, and a JSON body makes them ask first (a
 * preflight the fake never allows). A page under a rebound name (DNS rebinding) reads same-origin, with no
 * Origin: only its Host header gives it away. So: without a token, no Host but the fake's own (a request
 * without one comes from no browser); no foreign Origin; a body only as JSON; and the token when one is
 * set. A bodiless `curl -X POST .../__admin/reset` still works.
 */
const adminGuard: Step = (x) => {
  const own = ownOrigins(x.req);
  const host = x.req.headers.host;
  if (x.deps.adminToken === undefined && host !== undefined && !isOwnHost(host, own)) {
    const detail = `The fake's admin API answers only under its own names (${ownHostsText(own)}), not ${host}: a page under another name may be rebound to this machine (DNS rebinding); use one of those, or start the fake with an admin token`;
    return { response: errorResponse('ErrAdminForbidden', detail), note: 'foreign Host' };
  }
  // Any Origin but the fake's own, `null` (a sandboxed page, a file) included.
  const origin = x.req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, own)) {
    return { response: errorResponse('ErrAdminForbidden', `The fake's admin API answers only its own origin (${x.req.origin}), not ${origin}`), note: 'foreign Origin' };
  }
  const type = mediaType(x.req.headers);
  if ((x.req.rawBody ?? '') !== '' && !isJsonType(type)) {
    return { response: errorResponse('ErrUnsupportedMediaType', `Admin request bodies must be application/json, got ${type === '' ? 'no content type' : type}`), note: '' };
  }
  const token = x.deps.adminToken;
  if (token !== undefined && !routeOf(x)?.route.tokenFree && !secretsEqual(x.req.headers['x-myvalue-admin-token'], token)) {
    return { response: errorResponse('ErrAdminToken'), note: 'no or wrong admin token' };
  }
  return undefined;
};

/** JSON routes take JSON: a body sent as another media type (a form, text/plain) is 415, in MyValue's shape. */
const jsonOnly: Step = (x) => {
  const found = routeOf(x);
  if (!found || found.route.body !== 'json' || (x.req.rawBody ?? '') === '') return undefined;
  const type = mediaType(x.req.headers);
  if (type === '' || isJsonType(type)) return undefined;
  return { response: errorResponse('ErrUnsupportedMediaType', `Request body must be application/json, got ${type}`), note: '' };
};

const MYVALUE_STEPS: readonly Step[] = [settleDue, readPrefer, readFaultHeader, admission, pickFault, forcedByPrefer, faultBefore, unknownRoute, jsonOnly, refusal, handler];
const ADMIN_STEPS: readonly Step[] = [adminGuard, settleDue, unknownRoute, admission, refusal, handler];

/** Runs a request through the steps: MyValue's routes, or the fake's own API (the route table says which). */
export function runPipeline(x: Exchange): Outcome {
  const { admin } = x.found;
  for (const step of admin ? ADMIN_STEPS : MYVALUE_STEPS) {
    const outcome = step(x);
    if (outcome) return admin ? outcome : afterFaults(x, outcome);
  }
  // Every route has a handler: reaching here is a bug, not a client's doing.
  throw new Error(`no step answered ${x.method} ${x.req.path}`);
}
