// @ts-check
// The State view: users with their balances, one user's ledger (EXPIRED entries, lots still to expire,
// vouchers), promos with their quota left; read-only, paged as the admin API pages them.
import { api, byId, el, failure, table } from './dashboard-api.js';

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
export function stateChanged() {
  if (byId('state').hidden) return;
  stateTimer ??= setTimeout(() => {
    stateTimer = undefined;
    void loadState();
  }, 300);
}

export async function loadState() {
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
