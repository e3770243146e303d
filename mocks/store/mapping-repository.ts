// The mappings repository over SQLite: which MyValue user a BU user is linked to (its "MyValue Third Party"
// membership; the link itself is written as a membership by the users repository).
import type Database from 'better-sqlite3';
import type { MappingRepository } from '../domain/repositories';

/** The mappings repository of `db`; its statement is prepared once, here. */
export function createMappingRepository(db: Database.Database): MappingRepository {
  const linked = db.prepare<[string, string], string>('SELECT user_id FROM memberships WHERE client_id = ? AND member_no = ?').pluck();
  return { linkedUserId: (clientId, buUserId) => linked.get(clientId, buUserId) };
}
