// Points as lots: every earn is a lot of points that expire together (expiryOf), and every spend takes
// from the lots that expire first (FIFO by expiry, then by earn). The balance always equals the points
// left in the live lots, as it equals the sum of the history. Pure rules over the ledger repository and,
// for a seed or an old --data file, a replay of a history into lots.
import type { LedgerRepository } from './repositories';
import type { Lot, LotUse, MutationType } from './records';
import { isoSeconds } from './time';

/**
 * An instant as lots compare it: ISO 8601 to the second, as expiries are written ('2024-10-31T17:00:00Z'),
 * so text order is time order. Points expire at their expiry's very second.
 */
export const lotTime = (at: Date): string => isoSeconds(at);

/** The mutation type of points that expired (MyValue's docs name none; the history shows it). */
export const EXPIRED: MutationType = 'EXPIRED';

/** Takes `points` from the user's live lots, those that expire first first; records each take under `useSno`. */
export function takeFromLots(ledger: LedgerRepository, userId: string, useSno: number, points: number, nowIso: string, first?: number): void {
  let left = points;
  const lots = ledger.liveLots(userId, nowIso);
  // A RETURN_EARN takes from its own earn first.
  if (first !== undefined) lots.sort((a, b) => Number(b.sno === first) - Number(a.sno === first));
  for (const lot of lots) {
    if (left <= 0) break;
    const take = Math.min(left, lot.remaining);
    if (take === 0) continue;
    ledger.setLotRemaining(lot.sno, lot.remaining - take);
    ledger.addLotUse({ useSno, lotSno: lot.sno, points: take });
    left -= take;
  }
  // The balance was checked before booking and equals the live lots: nothing can be left.
  if (left > 0) throw new Error(`ledger out of step: user ${userId} has ${points - left} points in live lots, spending ${points}`);
}

/**
 * Gives `points` of a redeem back to the lots it took them from, the one that expires last first. Points
 * whose lot has expired meanwhile, and points of a redeem with no recorded takes (an old --data file), go
 * into a new lot `ownSno` expiring at `freshExpiry`, as points earned now would: what a user paid with
 * comes back usable.
 */
export function giveBackToLots(ledger: LedgerRepository, userId: string, redeemSno: number, ownSno: number, points: number, nowIso: string, freshExpiry: string): void {
  let left = points;
  let expired = 0;
  for (const use of ledger.lotUses(redeemSno)) {
    if (left <= 0) break;
    const give = Math.min(left, use.points);
    if (give === 0) continue;
    ledger.setLotUse({ ...use, points: use.points - give });
    if (use.expiresAt !== null && use.expiresAt <= nowIso) expired += give;
    else ledger.setLotRemaining(use.lotSno, use.remaining + give);
    left -= give;
  }
  if (left + expired > 0) ledger.insertLot({ sno: ownSno, userId, remaining: left + expired, expiresAt: freshExpiry });
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
 * The lots and takes a history leaves, for a seed or a --data file made before lots existed: earns are
 * lots, spends take from those that expire first, adjustments and expiries act as they do live. An earn
 * whose expiry is not after `epochIso` (the moment of seeding) never expires: the seed gives the balance
 * a user holds, so a seeded earn already past its expiry is not taken away when the fake starts.
 */
export function replayLots(history: readonly ReplayedMutation[], epochIso: string): { lots: Lot[]; uses: LotUse[] } {
  const lots = new Map<number, Lot>();
  const uses: LotUse[] = [];
  const fifo = (userId: string, exclude?: number): Lot[] =>
    [...lots.values()]
      .filter((l) => l.userId === userId && l.remaining > 0 && l.sno !== exclude)
      .sort((a, b) => (a.expiresAt ?? '\uffff').localeCompare(b.expiresAt ?? '\uffff') || a.sno - b.sno);
  const take = (m: ReplayedMutation, points: number, from: Lot[]): void => {
    let left = points;
    for (const lot of from) {
      if (left <= 0) break;
      const n = Math.min(left, lot.remaining);
      lot.remaining -= n;
      uses.push({ useSno: m.sno, lotSno: lot.sno, points: n });
      left -= n;
    }
  };
  for (const m of history) {
    if (m.type === 'EARNING') {
      lots.set(m.sno, { sno: m.sno, userId: m.userId, remaining: m.point, expiresAt: m.expiredAt !== '' && m.expiredAt > epochIso ? m.expiredAt : null });
    } else if (m.type === 'REDEEM') {
      take(m, -m.point, fifo(m.userId));
    } else if (m.type === 'RETURN_EARN' || m.type === EXPIRED) {
      const own = m.adjustedSno === null ? undefined : lots.get(m.adjustedSno);
      take(m, -m.point, [...(own ? [own] : []), ...fifo(m.userId, own?.sno)]);
    } else if (m.type === 'CANCEL_REDEEM') {
      let left = m.point;
      for (const use of uses.filter((u) => u.useSno === m.adjustedSno).reverse()) {
        const lot = lots.get(use.lotSno);
        const give = Math.min(left, use.points);
        if (!lot || give === 0) continue;
        use.points -= give;
        lot.remaining += give;
        left -= give;
      }
      if (left > 0) lots.set(m.sno, { sno: m.sno, userId: m.userId, remaining: left, expiresAt: null });
    }
  }
  return { lots: [...lots.values()], uses: uses.filter((u) => u.points > 0) };
}
