// The fake's clock: real time (or an injected clock) moved by an offset, so it keeps running and can be
// set or advanced, never moved back. Every time-based rule reads it: expiries of points, vouchers,
// promos, codes and tokens, and the dates of new entries. Durations: ISO 8601 ('P1M', 'PT12H'), counted
// on the WIB (Asia/Jakarta) calendar, a number with a unit ('30d', '12h', '90m', '45s', '2w', '500ms'), or
// milliseconds.
import { DateTime, Duration } from 'luxon';
import type { Clock } from '../http/types';

export const WIB_ZONE = 'Asia/Jakarta';

export interface VirtualClock extends Clock {
  /** Sets the time; `to` must not be before now. */
  set(to: Date | string): ClockMove;
  /** Moves the time forward by a duration (see the file's head). */
  advance(by: string | number): ClockMove;
}

/** A clock move refused in code (fake.clock): its message says why, in one line. */
export class ClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

/** Whether a clock is already a virtual one (it can be set and advanced). */
export function isVirtual(clock: Clock | undefined): clock is VirtualClock {
  return clock !== undefined && typeof (clock as Partial<VirtualClock>).set === 'function' && typeof (clock as Partial<VirtualClock>).advance === 'function';
}

/** A move done, or why not (a value, not a throw: a bad duration is a user's mistake). */
export type ClockMove = { ok: true; now: Date; movedMs: number } | { ok: false; detail: string };

const UNITS: Readonly<Record<string, string>> = { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };

/** The instant `by` after `from`, or why `by` is not a duration. */
export function addDuration(from: Date, by: string | number): { ok: true; at: Date } | { ok: false; detail: string } {
  if (typeof by === 'number') {
    if (!Number.isSafeInteger(by) || by < 0) return { ok: false, detail: `advance must be a whole number of milliseconds of 0 or more, got ${by}` };
    return { ok: true, at: new Date(from.getTime() + by) };
  }
  const short = /^(\d{1,9})(ms|s|m|h|d|w)$/.exec(by.trim());
  const duration = short ? Duration.fromObject({ [UNITS[short[2] as string] as string]: Number(short[1]) }) : Duration.fromISO(by.trim());
  if (!duration.isValid) {
    return { ok: false, detail: `advance must be an ISO 8601 duration (P1M, P30D, PT12H), a number with a unit (30d, 12h, 90m, 45s, 2w, 500ms) or milliseconds, got ${JSON.stringify(by)}` };
  }
  if (Object.values(duration.toObject()).some((n) => n < 0)) return { ok: false, detail: `advance must not be negative (the clock never moves back), got ${JSON.stringify(by)}` };
  const at = DateTime.fromJSDate(from, { zone: WIB_ZONE }).plus(duration);
  if (!at.isValid) return { ok: false, detail: `advance ${JSON.stringify(by)} goes past the dates the clock can show` };
  return { ok: true, at: at.toJSDate() };
}

/** Reads an ISO 8601 instant with its zone ('2024-10-31T17:00:00Z', '2024-11-01T00:00:00+07:00'). */
export function parseInstant(text: string): Date | undefined {
  const parsed = DateTime.fromISO(text, { setZone: true });
  if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim())) return undefined;
  return parsed.toJSDate();
}

/**
 * A clock over `base` (real time when omitted), starting at `start` when given. `keep` is given the offset
 * from `base` at the start and after every move, to save it (a --data file keeps it over a restart).
 * @example const clock = createVirtualClock(undefined, new Date('2024-10-31T16:59:59Z')); clock.advance('2s');
 */
export function createVirtualClock(base: Clock = { now: () => new Date() }, start?: Date, keep?: (offsetMs: number) => void): VirtualClock {
  let offset = start === undefined ? 0 : start.getTime() - base.now().getTime();
  keep?.(offset);
  const now = (): Date => new Date(base.now().getTime() + offset);
  const moveTo = (to: Date): ClockMove => {
    const from = now();
    const movedMs = to.getTime() - from.getTime();
    if (Number.isNaN(movedMs)) return { ok: false, detail: 'the time is not a valid date' };
    if (movedMs < 0) return { ok: false, detail: `the clock never moves back: it is ${from.toISOString()}, ${to.toISOString()} is before` };
    offset += movedMs;
    keep?.(offset);
    return { ok: true, now: now(), movedMs };
  };
  return {
    now,
    set(to) {
      const at = typeof to === 'string' ? parseInstant(to) : to;
      if (at === undefined) return { ok: false, detail: `now must be an ISO 8601 instant with its zone (2024-10-31T17:00:00Z), got ${JSON.stringify(to)}` };
      return moveTo(at);
    },
    advance(by) {
      const target = addDuration(now(), by);
      return target.ok ? moveTo(target.at) : target;
    },
  };
}

/** What a saved state says of its clock: the offset it kept, and its newest ledger entry. */
export interface ClockLeft {
  offsetMs?: number;
  newestEntry?: Date;
}

/**
 * Where a clock over saved state goes on from: the offset it kept, but never before the newest entry
 * (a state saved with no offset, or a machine whose time went back, would book new entries before it).
 * @example resumeAt({ offsetMs: 86_400_000 }, new Date('2025-01-01T00:00:00Z')) // 2025-01-02T00:00:00Z
 */
export function resumeAt(left: ClockLeft, baseNow: Date): Date {
  const kept = baseNow.getTime() + (left.offsetMs ?? 0);
  return new Date(Math.max(kept, left.newestEntry?.getTime() ?? kept));
}
