// The one shape of an outcome a user can cause: a value, never a throw (bugs throw).

/** `{ ok: true, value }` or `{ ok: false, error }`; the error is a one-line message unless said otherwise. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
