// The fake's SQLite schema. Balances live on users and every change is a row in mutations,
// so "balance equals the sum of history" is checkable; CHECK keeps balances from going negative.
export const SCHEMA_VERSION = 3;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outlets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sub_outlet_name TEXT NOT NULL,
  brand_id TEXT NOT NULL DEFAULT '',
  business_unit TEXT NOT NULL DEFAULT '',
  earn_per_10k INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  value_id TEXT NOT NULL UNIQUE,
  email TEXT,
  phone TEXT,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT,
  point INTEGER NOT NULL DEFAULT 0 CHECK (point >= 0),
  client_id TEXT NOT NULL DEFAULT '',
  register_provider TEXT NOT NULL DEFAULT 'backend_service',
  profile TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS users_phone ON users(phone) WHERE phone IS NOT NULL;
CREATE TABLE IF NOT EXISTS memberships (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  membership_id INTEGER NOT NULL,
  membership_name TEXT NOT NULL,
  member_no TEXT NOT NULL,
  card_number TEXT NOT NULL,
  outlet_code TEXT,
  email TEXT,
  mobile_phone TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  client_id TEXT
);
CREATE INDEX IF NOT EXISTS memberships_user ON memberships(user_id);
CREATE INDEX IF NOT EXISTS memberships_member_no ON memberships(member_no);
CREATE UNIQUE INDEX IF NOT EXISTS memberships_third_party ON memberships(client_id, member_no) WHERE client_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS mutations (
  sno INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  value_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  reference_no TEXT NOT NULL,
  type TEXT NOT NULL,
  point INTEGER NOT NULL,
  amount INTEGER NOT NULL DEFAULT 0,
  outlet_id TEXT NOT NULL,
  adjusted_sno INTEGER REFERENCES mutations(sno),
  created_at TEXT NOT NULL,
  expired_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS mutations_reference ON mutations(client_id, reference_no);
CREATE INDEX IF NOT EXISTS mutations_value_id ON mutations(value_id, sno);
CREATE INDEX IF NOT EXISTS mutations_adjusted ON mutations(adjusted_sno);
CREATE TABLE IF NOT EXISTS promos (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL,
  price INTEGER NOT NULL,
  quota INTEGER,
  sold INTEGER NOT NULL DEFAULT 0,
  max_per_user INTEGER,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  priority INTEGER NOT NULL DEFAULT 0,
  voucher_days INTEGER NOT NULL DEFAULT 30,
  category_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS vouchers (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  promo_id INTEGER NOT NULL REFERENCES promos(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  value_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  mutation_sno INTEGER REFERENCES mutations(sno),
  point_used INTEGER NOT NULL,
  purchased_at TEXT NOT NULL,
  redeem_from TEXT NOT NULL,
  redeem_to TEXT NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  used_at TEXT
);
CREATE INDEX IF NOT EXISTS vouchers_value_id ON vouchers(value_id, id);
CREATE TABLE IF NOT EXISTS auth_codes (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  scope TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  client_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  family TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS point_lots (
  sno INTEGER PRIMARY KEY REFERENCES mutations(sno),
  user_id TEXT NOT NULL REFERENCES users(id),
  remaining INTEGER NOT NULL CHECK (remaining >= 0),
  expires_at TEXT
);
CREATE INDEX IF NOT EXISTS point_lots_due ON point_lots(expires_at) WHERE remaining > 0;
CREATE INDEX IF NOT EXISTS point_lots_user ON point_lots(user_id) WHERE remaining > 0;
CREATE TABLE IF NOT EXISTS page_tickets (
  ticket_hash TEXT PRIMARY KEY,
  session_hash TEXT NOT NULL,
  client_id TEXT NOT NULL,
  bu_user_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  state TEXT,
  user_id TEXT NOT NULL REFERENCES users(id),
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
`;

/**
 * Columns added after a table first shipped: a --data file made by an older version gets them when opened
 * (CREATE TABLE IF NOT EXISTS leaves an existing table as it is).
 */
export const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; definition: string }> = [
  { table: 'tokens', column: 'family', definition: "TEXT NOT NULL DEFAULT ''" },
];

/** Tables emptied by a reset, children first. */
export const TABLES = ['page_tickets', 'tokens', 'auth_codes', 'vouchers', 'point_lots', 'mutations', 'promos', 'memberships', 'users', 'outlets', 'meta'] as const;
