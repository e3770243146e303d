// @ts-check
// The dashboard's shared pieces: the admin API through fetch (the admin token, when the fake has one, in
// its header, never in a URL), the token itself, and elements built as text, never as HTML.

export const TOKEN_KEY = 'myvalue-admin-token';
export const TOKEN_HEADER = 'x-myvalue-admin-token';

/** @param {string} id @returns {HTMLElement} */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id @returns {HTMLInputElement} */
export const input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/**
 * An element with attributes and children (text is always text).
 * @param {string} tag @param {Record<string, string>} [attrs] @param {...(Node | string | null)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/** @param {unknown} value */
export const pretty = (value) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** @param {string[]} heads @param {Array<Array<Node | string>>} body @param {string} [label] */
export function table(heads, body, label) {
  return el('div', { class: 'scroll' }, el('table', label ? { 'aria-label': label } : {},
    el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...body.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c)))))));
}

// The token: given once as /__admin/ui#token=... (a fragment never reaches a server or its log) or typed
// in the form; kept in this tab's sessionStorage, and taken out of the address bar at once.
const fromFragment = /^#token=(.+)$/.exec(location.hash);
if (fromFragment) {
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(fromFragment[1] ?? ''));
  history.replaceState(null, '', `${location.pathname}#requests`);
}

/** @param {Record<string, string>} [extra] @returns {Record<string, string>} */
export function headers(extra = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...extra, [TOKEN_HEADER]: token } : extra;
}

export function askToken() {
  byId('token-box').hidden = false;
  input('token-input').focus();
}

/**
 * One admin API call; JSON in and out.
 * @param {string} method @param {string} path @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function api(method, path, body) {
  const init = { method, cache: /** @type {RequestCache} */ ('no-store'), headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }), body: body === undefined ? undefined : JSON.stringify(body) };
  const res = await fetch(path, init);
  const json = await res.json().catch(() => null);
  if (res.status === 401 && json && json.id === 'ErrAdminToken') askToken();
  return { status: res.status, body: json };
}

/** @param {{ status: number, body: any }} reply */
export const failure = (reply) => `${reply.status} ${reply.body ? `${reply.body.id}: ${reply.body.detail}` : ''}`;
