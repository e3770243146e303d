// The page's proof that a MyValue user logged in (or registered) for one mapping request, carried by the
// confirm form. A random ticket whose hash the store keeps with what it is bound to: the client, the BU
// user, the redirect URI, the state, the MyValue user and the browser session that logged in. It is
// spent by the confirm that uses it: a second confirm with the same ticket is refused. A reset voids it.
import type { Services } from '../store/services';
import type { MappingRequest } from './mapping-request';
import type { PageSession } from './page-session';
import { hashSecret, newSecret } from './secrets';

/** How long a logged-in page may wait for "Hubungkan Akun" (MyValue's docs are silent). */
export const TICKET_TTL_SECONDS = 15 * 60;

/** Why a ticket was refused (for the error page's developer detail). */
export type TicketRefusal = 'missing' | 'unknown' | 'used' | 'expired' | 'other-request' | 'other-session';

/** A ticket saying MyValue user `userId` may confirm this mapping request, in this browser session. */
export function issueTicket(deps: Services, request: MappingRequest, session: PageSession, userId: string): string {
  const ticket = newSecret();
  deps.store.auth.insertTicket({
    ticketHash: hashSecret(ticket),
    sessionHash: hashSecret(session.id),
    clientId: request.clientId,
    buUserId: request.userId,
    redirectUri: request.redirectUri,
    state: request.state ?? null,
    userId,
    expiresAt: deps.clock.now().getTime() + TICKET_TTL_SECONDS * 1000,
  });
  return ticket;
}

/**
 * Spends a ticket: the MyValue user it names when it is genuine, unused, unexpired, for this very request
 * (client, BU user, redirect URI, state) and this session. Call inside the transaction that links.
 */
export function spendTicket(deps: Services, request: MappingRequest, session: PageSession, ticket: string): { ok: true; userId: string } | { ok: false; why: TicketRefusal } {
  if (ticket === '') return { ok: false, why: 'missing' };
  const auth = deps.store.auth;
  const row = auth.ticketByHash(hashSecret(ticket));
  if (!row) return { ok: false, why: 'unknown' };
  if (row.usedAt !== null) return { ok: false, why: 'used' };
  const now = deps.clock.now().getTime();
  if (now >= row.expiresAt) return { ok: false, why: 'expired' };
  if (row.clientId !== request.clientId || row.buUserId !== request.userId || row.redirectUri !== request.redirectUri || row.state !== (request.state ?? null)) {
    return { ok: false, why: 'other-request' };
  }
  if (row.sessionHash !== hashSecret(session.id)) return { ok: false, why: 'other-session' };
  if (!auth.spendTicket(row.ticketHash, now)) return { ok: false, why: 'used' };
  return { ok: true, userId: row.userId };
}
