// When the core books the expiries of points, in one place: before each request, at the request's own
// instant (pipeline.ts), and at once when the clock moves (POST /__admin/clock and fake.clock both move the
// clock this module hands out), so the admin API's answer and whatever is read next show them. The ledger's
// rules book what is due at their own time too (domain/ledger.ts accountAt), inside their transaction.
import { bookDueExpiries } from '../domain/ledger';
import type { ClockMove, VirtualClock } from '../domain/virtual-clock';
import type { StoreAccess } from '../store/services';

/** Books the expiries due by `now` in a transaction of its own (none opened when none is due); gives how many lots expired. */
export function bookExpiries(store: StoreAccess, now: Date): number {
  return bookDueExpiries(store.ledger, now, (fn) => store.tx(fn));
}

/** A clock move done, with how many lots the expiries it passed emptied; or why not. */
export type BookedMove = (Extract<ClockMove, { ok: true }> & { expiredLots: number }) | Extract<ClockMove, { ok: false }>;

/** The fake's clock as the core holds it: every move books the expiries it passes. */
export interface ExpiringClock extends VirtualClock {
  set(to: Date | string): BookedMove;
  advance(by: string | number): BookedMove;
}

/** `clock`, its moves booking expiries in `store` at once; a closed fake (`open` false) books nothing. */
export function expiringClock(clock: VirtualClock, store: StoreAccess, open: () => boolean): ExpiringClock {
  const booked = (move: ClockMove): BookedMove => (move.ok ? { ...move, expiredLots: open() ? bookExpiries(store, move.now) : 0 } : move);
  return {
    now: () => clock.now(),
    set: (to) => booked(clock.set(to)),
    advance: (by) => booked(clock.advance(by)),
  };
}
