// @ts-check
// The dashboard's script: plain ES modules the fake serves itself (mocks/dashboard/dashboard-routes.ts).
// This one shows the view the address names and starts the live list; dashboard-api.js reads the fake
// through its admin API, dashboard-requests.js is the live list, dashboard-state.js the State view and
// dashboard-controls.js the Controls. Everything shown goes in as text, never as HTML.
import { byId, input, TOKEN_KEY } from './dashboard-api.js';
import { loadClock, loadControls } from './dashboard-controls.js';
import { connect } from './dashboard-requests.js';
import { loadState } from './dashboard-state.js';

const VIEWS = ['requests', 'state', 'controls'];

byId('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, input('token-input').value);
  input('token-input').value = '';
  byId('token-box').hidden = true;
  connect();
  showView();
});

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

showView();
void loadClock();
void connect();
