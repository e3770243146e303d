// The journal collection of a running fake: its records, and what the fake knows of its routes, clients
// and the users it made, handed to the pure builder (journal-collection.ts). For the admin route and fake.journal.
import { ROUTES } from '../routes/index';
import { compilePattern, decodedSegments, matchPattern } from '../../src/shared/path-pattern';
import type { Deps } from './deps';
import type { JournalFilter } from './journal';
import { journalCollection, type ApiKind } from './journal-collection';
import type { PostmanCollectionV21 } from './postman-v21';

/** The Auth API's routes (the token and introspection endpoints); the SSO pages are not replayed. */
const AUTH_API = ROUTES.filter((route) => route.path.startsWith('/auth/')).map((route) => ({ method: route.method, pattern: compilePattern(route.path) }));

/** A signed request (it has a rule) is the External API's; the Auth API by its routes; anything else is left out. */
function apiOf(rule: string | null, method: string, path: string): ApiKind | undefined {
  if (rule !== null) return 'external';
  const segments = decodedSegments(path);
  return AUTH_API.some((route) => route.method === method && matchPattern(route.pattern, segments) !== undefined) ? 'auth' : undefined;
}

/**
 * The fake's journal (filtered as GET /__admin/requests is) as a Postman v2.1 collection.
 * @example journalCollectionOf(deps, { clientId: 'GramediaPOS' })
 */
export function journalCollectionOf(deps: Deps, filter: JournalFilter = {}): PostmanCollectionV21 {
  return journalCollection({
    records: deps.journal.records(filter),
    apiOf: (record) => apiOf(record.rule, record.method, record.path),
    secretOf: (clientId) => deps.store.clients.get(clientId)?.clientSecret,
    createdValueId: (body) => {
      const user = typeof body.email === 'string' && body.email !== '' ? deps.store.users.byEmail(body.email) : typeof body.mobilePhoneNumber === 'string' ? deps.store.users.byPhone(body.mobilePhoneNumber) : undefined;
      return user?.valueId;
    },
    ...(filter.clientId !== undefined ? { clientId: filter.clientId } : {}),
    hide: deps.journal.hide,
  });
}
