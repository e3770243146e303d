// The page's proof that a MyValue user logged in (or registered) for one mapping request, carried by the
// confirm form. Signed with a random key the store keeps (auth.ticketKey): a reset makes old tickets void.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Services } from '../store/services';
import type { MappingRequest } from './mapping-request';

/** How long a logged-in page may wait for "Hubungkan Akun" (MyValue's docs are silent). */
export const TICKET_TTL_SECONDS = 15 * 60;

interface TicketBody {
  /** MyValue users.id */
  u: string;
  c: string;
  m: string;
  r: string;
  e: number;
}

const ticketKey = (deps: Services): Buffer => Buffer.from(deps.store.auth.ticketKey(), 'hex');

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

/** A ticket saying MyValue user `userId` may confirm this mapping request. */
export function issueTicket(deps: Services, request: MappingRequest, userId: string): string {
  const body: TicketBody = { u: userId, c: request.clientId, m: request.userId, r: request.redirectUri, e: deps.clock.now().getTime() + TICKET_TTL_SECONDS * 1000 };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(ticketKey(deps), payload).toString('base64url')}`;
}

/** The MyValue user a ticket names, when it is genuine, unexpired and for this very request. */
export function readTicket(deps: Services, request: MappingRequest, ticket: string): string | undefined {
  const [payload, signature] = ticket.split('.');
  if (!payload || !signature) return undefined;
  const expected = mac(ticketKey(deps), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let body: TicketBody;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TicketBody;
  } catch {
    return undefined;
  }
  if (body.c !== request.clientId || body.m !== request.userId || body.r !== request.redirectUri) return undefined;
  if (deps.clock.now().getTime() >= body.e) return undefined;
  return body.u;
}
