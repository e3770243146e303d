// @ts-check
// The dashboard's script: a plain ES module the fake serves itself (mocks/dashboard/dashboard-routes.ts).
// It reads the fake through its admin API with fetch, the admin token (when the fake has one) in its
// header, never in a URL; the live list reads GET /__admin/events, a text/event-stream, through fetch
// too (EventSource cannot send a header). Everything shown goes in as text, never as HTML.

const TOKEN_KEY = 'myvalue-admin-token';
const TOKEN_HEADER = 'x-myvalue-admin-token';
/** Rows the live list keeps; older ones go (the journal itself keeps more: GET /__admin/requests). */
const MAX_ROWS = 500;
const VIEWS = ['requests', 'state', 'controls'];

/** @param {string} id @returns {HTMLElement} */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id @returns {HTMLInputElement} */
const input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/**
 * An element with attributes and children (text is always text).
 * @param {string} tag @param {Record<string, string>} [attrs] @param {...(Node | string | null)} children
 * @returns {HTMLElement}
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/** @param {unknown} value */
const pretty = (value) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

// The token: given once as /__admin/ui#token=... (a fragment never reaches a server or its log) or typed
// in the form; kept in this tab's sessionStorage, and taken out of the address bar at once.
const fromFragment = /^#token=(.+)$/.exec(location.hash);
if (fromFragment) {
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(fromFragment[1] ?? ''));
  history.replaceState(null, '', `${location.pathname}#requests`);
}

/** @param {Record<string, string>} [extra] @returns {Record<string, string>} */
function headers(extra = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...extra, [TOKEN_HEADER]: token } : extra;
}

function askToken() {
  byId('token-box').hidden = false;
  input('token-input').focus();
}

byId('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, input('token-input').value);
  input('token-input').value = '';
  byId('token-box').hidden = true;
  connect();
  showView();
});

/**
 * One admin API call; JSON in and out.
 * @param {string} method @param {string} path @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function api(method, path, body) {
  const init = { method, cache: /** @type {RequestCache} */ ('no-store'), headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }), body: body === undefined ? undefined : JSON.stringify(body) };
  const res = await fetch(path, init);
  const json = await res.json().catch(() => null);
  if (res.status === 401 && json && json.id === 'ErrAdminToken') askToken();
  return { status: res.status, body: json };
}

/** @param {{ status: number, body: any }} reply */
const failure = (reply) => `${reply.status} ${reply.body ? `${reply.body.id}: ${reply.body.detail}` : ''}`;

// Views: #requests, #state, #controls.
function showView() {
  const name = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'requests';
  for (const view of VIEWS) {
    byId(view).hidden = view !== name;
    const link = document.querySelector(`nav a[data-view="${view}"]`);
    if (view === name) link?.setAttribute('aria-current', 'page');
    else link?.removeAttribute('aria-current');
  }
  if (name === 'state') void loadState();
  if (name === 'controls') void loadControls();
}
// A view chosen from the nav takes the focus to its heading, so a keyboard user goes on from there.
window.addEventListener('hashchange', () => {
  showView();
  const heading = /** @type {HTMLElement | null} */ (document.querySelector('.view:not([hidden]) h1'));
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
});

// ---- Requests: the live list ----
/** @type {Map<number, any>} */
const rows = new Map();
let lastSeq = 0;
let retryMs = 2000;
let announced = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let announceTimer;
/** @type {number | undefined} */
let selectedSeq;

/** @param {any} row */
function matches(row) {
  const path = input('filter-path').value.trim();
  const status = input('filter-status').value.trim().toLowerCase();
  const client = input('filter-client').value.trim();
  if (path !== '' && !row.path.includes(path)) return false;
  if (client !== '' && !(row.clientId ?? '').includes(client)) return false;
  if (status !== '') {
    const shown = row.status === null ? 'dropped' : String(row.status);
    if (/^\dxx$/.test(status) ? shown[0] !== status[0] : shown !== status) return false;
  }
  return true;
}

/** @param {number | null} status */
const statusClass = (status) => (status === null ? 'sx' : `s${String(status)[0]}`);

/** @param {any} row */
function signCell(row) {
  if (row.signOk === true) return el('td', {}, 'ok');
  if (row.signOk === null) return el('td', { class: 'muted' }, '–');
  const why = row.signExplain && row.signExplain.hint ? `: ${row.signExplain.hint}` : '';
  return el('td', { class: 's5' }, `refused${why}`);
}

/** @param {any} row */
function renderRow(row) {
  const open = el('button', { type: 'button', 'aria-label': `Open request ${row.seq}: ${row.method} ${row.path}` }, String(row.seq));
  open.addEventListener('click', () => void openRequest(row.seq));
  const tr = el('tr', { 'data-seq': String(row.seq), ...(row.seq === selectedSeq ? { class: 'selected' } : {}) },
    el('td', {}, open),
    el('td', {}, row.time.slice(11, 19)),
    el('td', {}, row.method),
    el('td', { class: 'path' }, row.path),
    el('td', {}, row.rule ?? ''),
    el('td', {}, row.clientId ?? ''),
    el('td', { class: statusClass(row.status) }, row.status === null ? 'dropped' : String(row.status)),
    el('td', {}, String(row.durationMs + row.delayMs)),
    el('td', {}, row.fault ?? ''),
    signCell(row));
  return tr;
}

function renderRows() {
  const shown = [...rows.values()].filter(matches).sort((a, b) => b.seq - a.seq);
  byId('request-rows').replaceChildren(...shown.map(renderRow));
  byId('no-requests').hidden = shown.length > 0;
}

/** @param {any} row */
function addRow(row) {
  if (rows.has(row.seq)) return;
  rows.set(row.seq, row);
  lastSeq = Math.max(lastSeq, row.seq);
  if (rows.size > MAX_ROWS) rows.delete(Math.min(...rows.keys()));
  if (matches(row)) {
    byId('request-rows').prepend(renderRow(row));
    byId('no-requests').hidden = true;
    while (byId('request-rows').children.length > MAX_ROWS) byId('request-rows').lastElementChild?.remove();
  }
  // A screen reader hears one sentence a second at most, not every row of a run.
  announced += 1;
  announceTimer ??= setTimeout(() => {
    byId('announce').textContent = `${announced} new request${announced === 1 ? '' : 's'}, newest ${row.method} ${row.path} ${row.status ?? 'dropped'}`;
    announced = 0;
    announceTimer = undefined;
  }, 1000);
  stateChanged();
}

for (const id of ['filter-path', 'filter-status', 'filter-client']) input(id).addEventListener('input', renderRows);
byId('filters').addEventListener('submit', (event) => event.preventDefault());

/** @param {string} text */
const setStreamState = (text) => void (byId('stream-state').textContent = text);

/** @param {string} frame */
function onFrame(frame) {
  let event = 'message';
  const data = [];
  for (const line of frame.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
  }
  if (event === 'hello') showCapacity(JSON.parse(data.join('\n')).capacity);
  if (event === 'request') addRow(JSON.parse(data.join('\n')));
  // The journal was emptied elsewhere (a reset by curl or another tab, DELETE /__admin/requests).
  if (event === 'cleared') {
    rows.clear();
    renderRows();
    byId('detail').hidden = true;
  }
}

/**
 * The journal's capacity comes in the stream's hello: at 0 nothing is ever listed, and the page says why
 * instead of waiting for requests that cannot come.
 * @param {number} capacity
 */
function showCapacity(capacity) {
  byId('no-requests').textContent = capacity === 0
    ? 'This fake keeps no requests (--journal-size 0): start it with a larger --journal-size to list them here.'
    : 'No requests yet: send one to the fake.';
}

/** @type {AbortController | undefined} */
let streaming;

/** The live list: GET /__admin/events read as a stream; after a break, again from the last request seen. */
async function connect() {
  streaming?.abort();
  const controller = new AbortController();
  streaming = controller;
  try {
    const res = await fetch('/__admin/events', { headers: headers({ accept: 'text/event-stream', ...(lastSeq > 0 ? { 'last-event-id': String(lastSeq) } : {}) }), cache: 'no-store', signal: controller.signal });
    if (!res.ok || !res.body) {
      const body = await res.json().catch(() => null);
      if (res.status === 401) askToken();
      setStreamState(`The live list is off: ${res.status} ${body ? body.detail : ''}`);
      if (res.status === 401 || res.status === 403 || res.status === 501) return;
    } else {
      setStreamState('Live: requests appear as the fake answers them.');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          onFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    }
  } catch {
    if (controller.signal.aborted) return;
  }
  if (streaming !== controller) return;
  setStreamState('The live list was cut: connecting again…');
  setTimeout(() => void connect(), retryMs);
}
window.addEventListener('pagehide', () => streaming?.abort());

/** @param {string} title @param {unknown} value @param {string | null} [omitted] */
function block(title, value, omitted = null) {
  if (omitted) return el('div', {}, el('h4', {}, title), el('p', { class: 'muted' }, `Not kept: ${omitted}`));
  if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) return el('div', {}, el('h4', {}, title), el('p', { class: 'muted' }, 'none'));
  return el('div', {}, el('h4', {}, title), el('pre', {}, pretty(value)));
}

/** @param {any} explain */
function explanation(explain) {
  const order = el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field, in order'), el('th', { scope: 'col' }, 'Text hashed'))),
    el('tbody', {}, ...explain.order.map((/** @type {any} */ f) => el('tr', {}, el('td', {}, f.field), el('td', {}, el('code', {}, f.text))))));
  return el('div', { class: 'explain', 'data-testid': 'sign-explain' },
    el('h3', {}, `Sign refused (${explain.rule})`),
    explain.hint ? el('p', { class: 'hint' }, `Likely mistake: ${explain.hint}`) : el('p', {}, 'No usual mistake reproduces the sign received.'),
    el('p', {}, 'The string to hash with sha256 (the client secret masked): ', el('code', {}, explain.maskedString)),
    order,
    explain.absent.length ? el('p', {}, `Fields absent (hashed as ''): ${explain.absent.join(', ')}`) : null,
    explain.unsigned.length ? el('p', {}, `Fields sent that this rule does not sign: ${explain.unsigned.join(', ')}`) : null);
}

/** @param {number} seq */
async function openRequest(seq) {
  selectedSeq = seq;
  for (const tr of byId('request-rows').querySelectorAll('tr')) tr.classList.toggle('selected', tr.getAttribute('data-seq') === String(seq));
  const reply = await api('GET', `/__admin/requests/${seq}`);
  const detail = byId('detail');
  detail.hidden = false;
  if (reply.status !== 200) {
    byId('detail-title').textContent = `Request ${seq}`;
    byId('detail-body').replaceChildren(el('p', {}, failure(reply)));
    return;
  }
  const x = reply.body;
  byId('detail-title').textContent = `#${x.seq} ${x.method} ${x.path} → ${x.status ?? 'dropped'}`;
  const facts = `${x.time} · rule ${x.rule ?? 'none'} · client ${x.clientId ?? 'none'} · ${x.durationMs} ms${x.delayMs ? ` + ${x.delayMs} ms latency` : ''}${x.fault ? ` · fault ${x.fault}` : ''}`;
  byId('detail-body').replaceChildren(el('div', {},
    el('p', { class: 'muted' }, facts),
    x.signExplain ? explanation(x.signExplain) : null,
    el('h3', {}, 'Request'),
    block('Query', x.query),
    block('Headers', x.requestHeaders),
    block('Body', x.body, x.bodyOmitted),
    el('h3', {}, 'Answer'),
    x.response ? el('p', {}, `Status ${x.response.status}${x.fault === 'no-answer' ? ' (decided, never sent: no-answer fault)' : ''}`) : el('p', {}, 'None: the connection was dropped.'),
    x.response ? block('Headers', x.response.headers) : null,
    x.response ? block('Body', x.response.body, x.response.bodyOmitted) : null,
    el('p', { class: 'muted' }, 'Secrets are masked (***).')));
  detail.focus();
}

// ---- State ----
/** @type {string | undefined} */
let selectedUser;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let stateTimer;
/** The page of users shown, and of the selected user's history (the admin API's `?page=`). */
let usersPage = 1;
let historyPage = 1;

/**
 * Previous and next for one paged list: "page X of Y"; `go` loads another page.
 * @param {string} label @param {{page: number, pageSize: number, count: number}} at @param {(page: number) => void} go
 */
function pager(label, at, go) {
  const pages = Math.max(1, Math.ceil(at.count / at.pageSize));
  const button = (/** @type {string} */ text, /** @type {number} */ to) => {
    const b = el('button', { type: 'button', 'aria-label': `${text} page of ${label}` }, text);
    if (to < 1 || to > pages) b.setAttribute('disabled', '');
    else b.addEventListener('click', () => go(to));
    return b;
  };
  return el('nav', { class: 'pager', 'aria-label': `Pages of ${label}` },
    button('Previous', at.page - 1), ` page ${at.page} of ${pages} (${at.count}) `, button('Next', at.page + 1));
}

/** After the fake answered something, the state view shows it (once for a burst of requests). */
function stateChanged() {
  if (byId('state').hidden) return;
  stateTimer ??= setTimeout(() => {
    stateTimer = undefined;
    void loadState();
  }, 300);
}

/** @param {string[]} heads @param {Array<Array<Node | string>>} body @param {string} [label] */
function table(heads, body, label) {
  return el('div', { class: 'scroll' }, el('table', label ? { 'aria-label': label } : {},
    el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...body.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c)))))));
}

async function loadState() {
  const [users, promos] = await Promise.all([api('GET', `/__admin/users?page=${usersPage}`), api('GET', '/__admin/promos')]);
  if (users.status === 200) {
    byId('users-pager').replaceChildren(pager('users', users.body, (to) => {
      usersPage = to;
      void loadState();
    }));
    byId('user-rows').replaceChildren(...users.body.users.map((/** @type {any} */ u) => {
      const open = el('button', { type: 'button', 'aria-label': `Open user ${u.valueID}` }, u.valueID);
      open.addEventListener('click', () => void openUser(u.valueID, true));
      return el('tr', u.valueID === selectedUser ? { class: 'selected' } : {}, el('td', {}, open), el('td', {}, `${u.firstName} ${u.lastName}`.trim()), el('td', { 'data-testid': `point-${u.valueID}` }, String(u.point)));
    }));
  }
  if (promos.status === 200) {
    byId('promo-rows').replaceChildren(...promos.body.promos.map((/** @type {any} */ p) => el('tr', {},
      el('td', {}, String(p.promoID)), el('td', {}, p.title), el('td', {}, String(p.price)), el('td', {}, p.quota === null ? 'unlimited' : String(p.quota)),
      el('td', {}, String(p.sold)), el('td', {}, p.quotaLeft === null ? 'unlimited' : String(p.quotaLeft)), el('td', {}, p.onSale ? 'yes' : 'no'), el('td', {}, p.validTo))));
  }
  if (selectedUser) await openUser(selectedUser, false);
}

/** @param {string} valueID @param {boolean} focus */
async function openUser(valueID, focus) {
  if (valueID !== selectedUser) historyPage = 1;
  selectedUser = valueID;
  const reply = await api('GET', `/__admin/users/${encodeURIComponent(valueID)}?page=${historyPage}`);
  const panel = byId('user-detail');
  panel.hidden = false;
  if (reply.status !== 200) {
    byId('user-body').replaceChildren(el('p', {}, failure(reply)));
    return;
  }
  const { user, history, expiring, vouchers, now } = reply.body;
  byId('user-title').textContent = `${user.valueID} · ${`${user.firstName} ${user.lastName}`.trim()}`;
  byId('user-body').replaceChildren(el('div', {},
    el('p', {}, 'Point: ', el('strong', { 'data-testid': 'user-point' }, String(user.point)), ` (at ${now})`),
    el('h3', {}, 'Points still to expire'),
    expiring.length ? table(['Point', 'expiredDate'], expiring.map((/** @type {any} */ l) => [String(l.point), l.expiredDate ?? 'never']), 'Points still to expire') : el('p', { class: 'muted' }, 'none'),
    el('h3', {}, `Ledger (history, ${history.count})`),
    pager('the ledger', history, (to) => {
      historyPage = to;
      void openUser(valueID, false);
    }),
    table(['createdDate', 'mutationTypeName', 'Point', 'referenceNo', 'Outlet', 'expiredDate'], history.items.map((/** @type {any} */ h) => [
      h.createdDate, h.mutationTypeName === 'EXPIRED' ? el('span', { class: 'expired' }, 'EXPIRED') : h.mutationTypeName, String(h.point), h.referenceNo, h.outletName,
      h.isExpired ? el('span', { class: 'expired' }, `${h.expiredDate} (expired)`) : h.expiredDate,
    ]), 'Ledger'),
    el('h3', {}, `Vouchers (${vouchers.count})`),
    vouchers.items.length ? table(['voucherCode', 'promoID', 'pointUsed', 'redeemTo', 'Used'], vouchers.items.map((/** @type {any} */ v) => [v.voucherCode, String(v.promoID), String(v.pointUsed), v.redeemTo, v.isUsed ? 'yes' : 'no']), 'Vouchers') : el('p', { class: 'muted' }, 'none')));
  if (focus) panel.focus();
}

byId('state-refresh').addEventListener('click', () => void loadState());

// ---- Controls: the same admin API as curl, with its protections ----
/** @param {string} text */
const result = (text) => void (byId('control-result').textContent = text);
/** @type {string | null} */
let nextExpiry = null;

async function loadClock() {
  const reply = await api('GET', '/__admin/clock');
  if (reply.status !== 200) return;
  nextExpiry = reply.body.nextExpiry;
  byId('clock-now').textContent = `Clock: ${reply.body.now}`;
  byId('clock-state').textContent = `Now ${reply.body.now}; next expiry of points: ${reply.body.nextExpiry ?? 'none'}.`;
  /** @type {HTMLButtonElement} */ (byId('clock-next')).disabled = reply.body.nextExpiry === null;
}

async function loadControls() {
  const reply = await api('GET', '/__admin/faults');
  if (reply.status === 200) {
    const items = reply.body.faults.map((/** @type {any} */ f) => {
      const remove = el('button', { type: 'button', 'aria-label': `Remove fault ${f.text}` }, 'Remove');
      remove.addEventListener('click', async () => {
        const done = await api('DELETE', `/__admin/faults/${encodeURIComponent(f.id)}`);
        result(done.status === 200 ? `Removed fault ${f.text}.` : `Not removed: ${failure(done)}`);
        await loadControls();
      });
      return el('li', {}, el('code', {}, f.text), f.remaining !== undefined ? ` (${f.remaining} left) ` : ' ', remove);
    });
    byId('fault-list').replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, 'No faults.')]));
  }
  await loadClock();
}

byId('fault-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const rule = input('fault-rule').value.trim();
  const reply = await api('POST', '/__admin/faults', { rule });
  result(reply.status === 201 ? `Added fault ${reply.body.faults.map((/** @type {any} */ f) => f.text).join(', ')}.` : `Not added: ${failure(reply)}`);
  if (reply.status === 201) input('fault-rule').value = '';
  await loadControls();
});

byId('faults-clear').addEventListener('click', async () => {
  const reply = await api('DELETE', '/__admin/faults');
  result(reply.status === 200 ? `Removed ${reply.body.cleared} fault(s).` : `Not removed: ${failure(reply)}`);
  await loadControls();
});

/** @param {{ now: string } | { advance: string }} body */
async function moveClock(body) {
  const reply = await api('POST', '/__admin/clock', body);
  result(reply.status === 200 ? `Clock at ${reply.body.now}; ${reply.body.expiredLots} lot(s) of points expired.` : `Clock not moved: ${failure(reply)}`);
  await loadClock();
  return reply.status === 200;
}

byId('clock-advance-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await moveClock({ advance: input('clock-advance').value.trim() })) input('clock-advance').value = '';
});
byId('clock-set-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await moveClock({ now: input('clock-set').value.trim() })) input('clock-set').value = '';
});
byId('clock-next').addEventListener('click', () => {
  if (nextExpiry !== null) void moveClock({ now: nextExpiry });
});

byId('reset').addEventListener('click', async () => {
  const reply = await api('POST', '/__admin/reset');
  if (reply.status === 200) {
    rows.clear();
    renderRows();
    byId('detail').hidden = true;
  }
  result(reply.status === 200 ? 'The fake was reset: the seed, the startup faults, an empty journal.' : `Not reset: ${failure(reply)}`);
  await loadControls();
});

showView();
void loadClock();
void connect();
