// @ts-check
// The live list: GET /__admin/events, a text/event-stream read through fetch (EventSource cannot send the
// token's header), newest first, with filters, and the full exchange of a request, secrets masked.
import { api, askToken, byId, el, failure, headers, input, pretty } from './dashboard-api.js';
import { stateChanged } from './dashboard-state.js';

/** Rows the live list keeps; older ones go (the journal itself keeps more: GET /__admin/requests). */
const MAX_ROWS = 500;

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
  if (event === 'cleared') clearRows();
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
export async function connect() {
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

/**
 * A list of field names, and how many more the fake left out of its explanation.
 * @param {string[]} listed @param {number | undefined} more
 */
const names = (listed, more) => `${listed.join(', ')}${more ? ` and ${more} more` : ''}`;

/** @param {any} explain */
function explanation(explain) {
  const order = el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field, in order'), el('th', { scope: 'col' }, 'Text hashed'))),
    el('tbody', {}, ...explain.order.map((/** @type {any} */ f) => el('tr', {}, el('td', {}, f.field), el('td', {}, el('code', {}, f.text))))));
  return el('div', { class: 'explain', 'data-testid': 'sign-explain' },
    el('h3', {}, `Sign refused (${explain.rule})`),
    explain.hint ? el('p', { class: 'hint' }, `Likely mistake: ${explain.hint}`) : el('p', {}, 'No usual mistake reproduces the sign received.'),
    el('p', {}, 'The string to hash with sha256 (the client secret masked): ', el('code', {}, explain.maskedString)),
    order,
    explain.absent.length ? el('p', {}, `Fields absent (hashed as ''): ${names(explain.absent, explain.absentMore)}`) : null,
    explain.unsigned.length ? el('p', {}, `Fields sent that this rule does not sign: ${names(explain.unsigned, explain.unsignedMore)}`) : null);
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
    block('Headers', x.requestHeaders, x.requestHeadersOmitted),
    block('Body', x.body, x.bodyOmitted),
    el('h3', {}, 'Answer'),
    x.response ? el('p', {}, `Status ${x.response.status}${x.fault === 'no-answer' ? ' (decided, never sent: no-answer fault)' : ''}`) : el('p', {}, 'None: the connection was dropped.'),
    x.response ? block('Headers', x.response.headers, x.response.headersOmitted) : null,
    x.response ? block('Body', x.response.body, x.response.bodyOmitted) : null,
    el('p', { class: 'muted' }, 'Secrets are masked (***).')));
  detail.focus();
}


/** Empties the list and closes the open request (the journal was emptied). */
export function clearRows() {
  rows.clear();
  renderRows();
  byId('detail').hidden = true;
}
