// Points as lots: every earn (and every cancelled redeem's points given back) is a lot of points that
// expire together (expiryOf), and every spend takes from the lots that expire first (FIFO by expiry,
// then by earn). The balance always equals the points left in the live lots, as it equals the sum of
// the history. Pure rules over the ledger repository and, for a seed or an old --data file, a replay of
// a history into lots.
import { expiryOf } from './expiry';
import type { LedgerRepository } from './repositories';
import type { Lot, MutationType } from './records';
import { isoSeconds } from './time';

/**
 * An instant as lots compare it: ISO 8601 to the second, as expiries are written ('2024-10-31T17:00:00Z'),
 * so text order is time order. Points expire at their expiry's very second.
 */
export const lotTime = (at: Date): string => isoSeconds(at);

/** The mutation type of points that expired (MyValue's docs name none; the history shows it). */
export const EXPIRED: MutationType = 'EXPIRED';

/**
 * Which mutations bring points in as a lot of their own: an earn, and the points a cancelled redeem gives
 * back. The one statement of it: the live ledger (book), the seed and the replay of a history read it.
 */
export const CREATES_LOT: Readonly<Record<MutationType, boolean>> = { EARNING: true, CANCEL_REDEEM: true, REDEEM: false, RETURN_EARN: false, EXPIRED: false };

/** The expiredAt of a mutation booked at `at`: its lot's expiry (expiryOf) when it creates one, '' otherwise. */
export function expiredAtOf(type: MutationType, at: Date): string {
  return CREATES_LOT[type] ? expiryOf(at) : '';
}

/**
 * The order spends take from lots: the one that expires first first (never-expiring lots last), then the
 * earlier earn; `first` (a RETURN_EARN's own earn) before all. The one statement of the FIFO rule.
 */
export function spendOrder<L extends Lot>(lots: readonly L[], first?: number): L[] {
  // Expiries are lotTime text, whose text order is time order; null (never) after every time.
  const expiry = (a: Lot, b: Lot): number => (a.expiresAt === b.expiresAt ? 0 : a.expiresAt === null ? 1 : b.expiresAt === null ? -1 : a.expiresAt < b.expiresAt ? -1 : 1);
  return [...lots].sort((a, b) => Number(b.sno === first) - Number(a.sno === first) || expiry(a, b) || a.sno - b.sno);
}

/** How many points each lot gives to a spend of `points`, in spend order; what no lot can give is `short`. */
function takePlan<L extends Lot>(points: number, lots: readonly L[], first?: number): { taken: Array<[L, number]>; short: number } {
  let left = points;
  const taken: Array<[L, number]> = [];
  for (const lot of spendOrder(lots, first)) {
    if (left <= 0) break;
    const take = Math.min(left, lot.remaining);
    if (take === 0) continue;
    taken.push([lot, take]);
    left -= take;
  }
  return { taken, short: left };
}

/** Takes `points` from the user's live lots, in spend order (`first`, a RETURN_EARN's own earn, before all). */
export function takeFromLots(ledger: LedgerRepository, userId: string, points: number, nowIso: string, first?: number): void {
  const { taken, short } = takePlan(points, ledger.liveLots(userId, nowIso), first);
  // The balance was checked before booking and equals the live lots: nothing can be left.
  if (short > 0) throw new Error(`ledger out of step: user ${userId} has ${points - short} points in live lots, spending ${points}`);
  for (const [lot, take] of taken) ledger.setLotRemaining(lot.sno, lot.remaining - take);
}

/** One mutation as a replay reads it (the mutations table in sno order). */
export interface ReplayedMutation {
  sno: number;
  userId: string;
  type: MutationType;
  point: number;
  adjustedSno: number | null;
  expiredAt: string;
}

/**
 * The lots a history leaves, for a seed or a --data file made before lots existed: earns and cancelled
 * redeems are lots, spends take from those that expire first, a RETURN_EARN or an expiry from its own
 * earn first, as they do live. A lot whose expiry is not after `epochIso` (the moment of seeding) never
 * expires: the seed gives the balance a user holds, so a seeded earn already past its expiry is not
 * taken away when the fake starts.
 */
export function replayLots(history: readonly ReplayedMutation[], epochIso: string): Lot[] {
  const lots = new Map<number, Lot>();
  for (const m of history) {
    if (m.point > 0 && CREATES_LOT[m.type]) {
      lots.set(m.sno, { sno: m.sno, userId: m.userId, remaining: m.point, expiresAt: m.expiredAt !== '' && m.expiredAt > epochIso ? m.expiredAt : null });
    } else if (m.point < 0) {
      const own = m.type === 'REDEEM' || m.adjustedSno === null ? undefined : m.adjustedSno;
      const live = [...lots.values()].filter((l) => l.userId === m.userId && l.remaining > 0);
      for (const [lot, take] of takePlan(-m.point, live, own).taken) lot.remaining -= take;
    }
  }
  return [...lots.values()];
}
