// The fake's state: one SQLite database (in memory, or a file with --data), seeded from a Seed, and the
// repositories over it: the only SQL of the fake is in this folder.
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { ADDED_COLUMNS, SCHEMA, SCHEMA_VERSION, TABLES } from './schema';
import { seedPasswordHash } from '../domain/passwords';
import { normalizeEmail, normalizePhone } from '../domain/normalize';
import type { Seed } from './seed-types';
import type { ClientConfig } from '../http/types';
import { expiredAtOf, lotTime, replayLots, type ReplayedMutation } from '../domain/lots';
import { MYVALUE_APPS_OUTLET, MYVALUE_MEMBERSHIP } from '../domain/myvalue';
import type { ClockLeft } from '../domain/virtual-clock';
import { createAuthRepository } from './auth-repository';
import { createLedgerRepository } from './ledger-repository';
import { createMappingRepository } from './mapping-repository';
import { createPromoRepository } from './promo-repository';
import type { StoreAccess } from './services';
import { createUserRepository } from './user-repository';

export interface StoreOptions {
  /** SQLite file; omitted: in memory. An existing file keeps its state. */
  file?: string;
  seed: Seed;
  /** Clients added or overridden on top of the seed (--client ID:SECRET). */
  extraClients?: ClientConfig[];
  /** The fake's time, read when the seed is applied: seeded earns already past their expiry then never expire. */
  now?: () => Date;
}

export interface Store extends StoreAccess {
  /** The database itself, for this project's tests and the bench; handlers get StoreAccess, without it. */
  readonly db: Database.Database;
  readonly clients: Map<string, ClientConfig>;
  /** A file opened again: the clock it left (undefined for a new state, seeded now). */
  readonly clockLeft: ClockLeft | undefined;
  /** Keeps the clock's offset in the state, so a restart goes on from there; a reset keeps it too. */
  saveClockOffset(offsetMs: number): void;
  /** Drops all state but the clock and applies the seed again. */
  reset(): void;
  close(): void;
}

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Opens (and, when new or reset, seeds) the fake's database. */
export function createStore(options: StoreOptions): Store {
  const now = options.now ?? (() => new Date());
  const db = new Database(options.file ?? ':memory:');
  db.pragma('foreign_keys = ON');
  if (options.file) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.exec(SCHEMA);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table);
    if (!columns.includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  const clients = new Map<string, ClientConfig>();
  const loadClients = (): void => {
    clients.clear();
    for (const c of options.seed.clients) {
      clients.set(c.clientId, { clientId: c.clientId, clientSecret: c.clientSecret, name: c.name ?? c.clientId, redirectUris: [...(c.redirectUris ?? [])] });
    }
    for (const c of options.extraClients ?? []) {
      const existing = clients.get(c.clientId);
      clients.set(c.clientId, { ...c, redirectUris: [...(existing?.redirectUris ?? []), ...c.redirectUris] });
    }
  };
  loadClients();
  // One transaction wrapper, built once: db.transaction() per call costs more than the work inside.
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  const tx = <T>(fn: () => T): T => inTransaction.immediate(fn) as T;
  // Which seed made the state: a file opened again with another seed would mix the two.
  // Only a file is opened again: an in-memory store needs no fingerprint.
  const fingerprint = options.file === undefined ? undefined : createHash('sha256').update(JSON.stringify(options.seed)).digest('hex');
  const metaValue = (key: string): string | undefined => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const reset = (): void => {
    tx(() => {
      // The clock is not state a reset restores: it never moves back (README), so its offset stays.
      const clock = metaValue(CLOCK_OFFSET);
      for (const table of TABLES) db.exec(`DELETE FROM ${table}`);
      applySeed(db, options.seed);
      buildLots(db, now());
      setMeta.run('schema_version', String(SCHEMA_VERSION));
      if (fingerprint !== undefined) setMeta.run('seed_sha256', fingerprint);
      if (clock !== undefined) setMeta.run(CLOCK_OFFSET, clock);
    });
    loadClients();
  };
  const version = metaValue('schema_version');
  // Read before a migration books anything: what the file held when it was last closed.
  const clockLeft = version === undefined ? undefined : clockOf(db, metaValue(CLOCK_OFFSET), options.seed);
  if (version === undefined) reset();
  else {
    // A file made before lots (schema 3): its history is replayed into lots once, as a seed's is.
    if (Number(version) < 3) {
      tx(() => {
        buildLots(db, now());
        db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
      });
    }
    const madeBy = metaValue('seed_sha256');
    if (madeBy !== undefined && madeBy !== fingerprint) {
      db.close();
      throw new StoreError(`the state in ${options.file} was made from another seed: delete the file to start from this seed, or start with the seed that made it (the state is kept as it is)`);
    }
  }
  return {
    db, clients, tx, reset, close: () => db.close(), clockLeft,
    saveClockOffset: (offsetMs) => {
      // A fake closed with its clock still in reach (fake.clock.set after close) has nothing left to save.
      if (db.open) setMeta.run(CLOCK_OFFSET, String(offsetMs));
    },
    users: createUserRepository(db),
    ledger: createLedgerRepository(db),
    promos: createPromoRepository(db),
    mappings: createMappingRepository(db),
    auth: createAuthRepository(db),
  };
}

/** Meta key of the clock's offset from the machine's time, in milliseconds (schema 3 files made before it have none). */
const CLOCK_OFFSET = 'clock_offset_ms';

/**
 * The clock a file left: its saved offset, and the newest ledger entry the fake booked (dates in any zone,
 * compared as instants, as the history sorts them). The seed's own entries are not the clock's (a seed may
 * date them after a --clock start); a reset writes them first, so every entry booked since has a larger sno.
 */
function clockOf(db: Database.Database, offset: string | undefined, seed: Seed): ClockLeft {
  const snoOf = db.prepare('SELECT sno FROM mutations WHERE client_id = ? AND reference_no = ?').pluck();
  let lastSeeded = 0;
  for (const m of seed.users.flatMap((u) => u.history ?? [])) lastSeeded = Math.max(lastSeeded, (snoOf.get(m.clientID, m.referenceNo) as number | undefined) ?? 0);
  const newest = db.prepare('SELECT created_at FROM mutations WHERE sno > ? ORDER BY julianday(created_at) DESC LIMIT 1').pluck().get(lastSeeded) as string | undefined;
  const offsetMs = Number(offset);
  const newestMs = newest === undefined ? Number.NaN : Date.parse(newest);
  return {
    ...(offset !== undefined && Number.isSafeInteger(offsetMs) ? { offsetMs } : {}),
    ...(Number.isNaN(newestMs) ? {} : { newestEntry: new Date(newestMs) }),
  };
}

/** The lots of every user from the history (mocks/domain/lots.ts replayLots), replacing any there were. */
function buildLots(db: Database.Database, epoch: Date): void {
  const history = db.prepare(`SELECT sno, user_id AS userId, type, point, adjusted_sno AS adjustedSno, expired_at AS expiredAt FROM mutations ORDER BY sno`).all() as ReplayedMutation[];
  const lots = replayLots(history, lotTime(epoch));
  db.exec('DELETE FROM point_lots;');
  const insertLot = db.prepare('INSERT INTO point_lots (sno, user_id, remaining, expires_at) VALUES (?, ?, ?, ?)');
  for (const l of lots) insertLot.run(l.sno, l.userId, l.remaining, l.expiresAt);
}

function applySeed(db: Database.Database, seed: Seed): void {
  const insertOutlet = db.prepare('INSERT INTO outlets (id, name, sub_outlet_name, brand_id, business_unit, earn_per_10k) VALUES (?, ?, ?, ?, ?, ?)');
  for (const o of seed.outlets) {
    insertOutlet.run(o.id, o.name, o.subOutletName ?? o.name, o.brandID ?? '', o.businessUnit ?? '', o.earnPer10k);
  }
  const insertUser = db.prepare(`INSERT INTO users (id, value_id, email, phone, first_name, last_name, password_hash, point, client_id, register_provider, profile, created_at)
    VALUES (@id, @valueId, @email, @phone, @firstName, @lastName, @passwordHash, @point, @clientId, @registerProvider, @profile, @createdAt)`);
  const insertMembership = db.prepare(`INSERT INTO memberships (user_id, membership_id, membership_name, member_no, card_number, outlet_code, email, mobile_phone, active, client_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`);
  const insertMutation = db.prepare(`INSERT INTO mutations (user_id, value_id, client_id, reference_no, type, point, amount, outlet_id, created_at, expired_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const u of seed.users) {
    const id = u.id ?? randomUUID();
    const history = [...(u.history ?? [])].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const point = history.reduce((sum, m) => sum + m.point, 0);
    if (point < 0) throw new StoreError(`seed user ${u.valueID}: history sums to a negative balance (${point})`);
    const email = u.email ? normalizeEmail(u.email) : null;
    const phone = u.phone ? normalizePhone(u.phone) : null;
    insertUser.run({
      id, valueId: u.valueID, email, phone, firstName: u.firstName, lastName: u.lastName ?? '',
      passwordHash: u.password ? seedPasswordHash(u.valueID, u.password) : null, point, clientId: u.clientID ?? '',
      registerProvider: u.registerProvider ?? 'backend_service', profile: JSON.stringify(u.profile ?? {}),
      createdAt: u.createdAt ?? '2024-01-01T00:00:00Z',
    });
    insertMembership.run(id, MYVALUE_MEMBERSHIP.id, MYVALUE_MEMBERSHIP.name, u.valueID, u.valueID, MYVALUE_APPS_OUTLET, email, phone, null);
    for (const m of u.memberships ?? []) {
      insertMembership.run(id, m.membershipID, m.membershipName, m.memberNo, m.cardNumber ?? m.memberNo, m.outletCode ?? null, m.email ?? email, m.mobilePhone ?? phone, m.clientID ?? null);
    }
    for (const m of history) {
      insertMutation.run(id, u.valueID, m.clientID, m.referenceNo, m.type, m.point, m.amount ?? 0, m.outletID, m.createdAt, expiredAtOf(m.type, new Date(m.createdAt)));
    }
  }
  const insertPromo = db.prepare(`INSERT INTO promos (id, data, price, quota, max_per_user, valid_from, valid_to, is_active, priority, voucher_days, category_ids)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const p of seed.promos) {
    insertPromo.run(p.id, JSON.stringify(p), p.price, p.quota ?? null, p.maxPerUser ?? null, p.validFrom, p.validTo, p.isActive === false ? 0 : 1, p.priority ?? 0, p.voucherDays ?? 30, JSON.stringify(p.categories.map((c) => c.id)));
  }
}
