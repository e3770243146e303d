// @ts-check
// The Controls view: reset, faults and the clock, each through the same admin API as curl, with its guard.
import { api, byId, el, failure, input } from './dashboard-api.js';
import { clearRows } from './dashboard-requests.js';

/** @param {string} text */
const result = (text) => void (byId('control-result').textContent = text);
/** @type {string | null} */
let nextExpiry = null;

export async function loadClock() {
  const reply = await api('GET', '/__admin/clock');
  if (reply.status !== 200) return;
  nextExpiry = reply.body.nextExpiry;
  byId('clock-now').textContent = `Clock: ${reply.body.now}`;
  byId('clock-state').textContent = `Now ${reply.body.now}; next expiry of points: ${reply.body.nextExpiry ?? 'none'}.`;
  /** @type {HTMLButtonElement} */ (byId('clock-next')).disabled = reply.body.nextExpiry === null;
}

export async function loadControls() {
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
  if (reply.status === 200) clearRows();
  result(reply.status === 200 ? 'The fake was reset: the seed, the startup faults, an empty journal.' : `Not reset: ${failure(reply)}`);
  await loadControls();
});
