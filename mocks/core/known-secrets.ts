// The fake knows every client's secret, so what its journal shows (the list, a request in full, the live
// events, the journal collection) has them masked wherever they stand: in any key, header, query, path or
// text a client sent, not only under keys that look secret. The harness's masker does the finding, in the
// forms it knows (as written, JSON-escaped, base64, percent-encoded, a prefix of 12 characters or more).
import { createMasker, type Masker } from '../../src/shared/masker';

/** A copy of a value to show, with every known secret in its strings and keys replaced by `[masked]`. */
export type Hide = <T>(value: T) => T;

/** A client as the fake knows it: `id:secret` is masked whole too (an `Authorization: Basic` pair in base64). */
interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** Every string and key of a value, in `out`. */
function texts(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      texts(v, out);
    }
  }
  return out;
}

function hidden(value: unknown, masker: Masker): unknown {
  if (typeof value === 'string') return masker.mask(value);
  if (Array.isArray(value)) return value.map((v) => hidden(v, masker));
  if (value === null || typeof value !== 'object') return value;
  // What is shown is the journal's own view: a body in it is at most 32 levels deep (parseJsonValue).
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [masker.mask(k), hidden(v, masker)]));
}

/**
 * Hides the secrets of the clients `clients()` gives (read at each call: a reset may load other ones).
 * @example const hide = knownSecretsHider(() => store.clients.values()); hide({ note: 'secret s3cr3t-v4lue' })
 */
export function knownSecretsHider(clients: () => Iterable<Credentials>): Hide {
  let known = '';
  let masker = createMasker();
  const current = (): Masker => {
    const list = [...clients()];
    const key = JSON.stringify(list.map((c) => [c.clientId, c.clientSecret]));
    if (key !== known) {
      known = key;
      masker = createMasker(list.map((c) => c.clientSecret), list.map((c) => `${c.clientId}:${c.clientSecret}`));
    }
    return masker;
  };
  return <T>(value: T): T => {
    const m = current();
    if (m.size === 0) return value;
    // Most values hold no secret: one pass of the masker over all their texts (a NUL between two, which no
    // form of a secret holds, so no match spans them) costs a tenth of one pass per text, and copies nothing.
    const all = texts(value, []).join('\u0000');
    return m.mask(all) === all ? value : (hidden(value, m) as T);
  };
}
