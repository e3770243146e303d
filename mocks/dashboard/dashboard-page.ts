// The dashboard's page and style sheet, as text the fake serves itself (no framework, no CDN: it works
// offline). The page has no inline script or style: the Content-Security-Policy allows only the fake's own
// files, so a value shown on the page (a path, a body) can never run as code.

/** Where the dashboard is served; its script and style sheet sit under it. */
export const DASHBOARD_PATH = '/__admin/ui';

/** The headers of every dashboard file: nothing but the fake's own files, never framed, never cached. */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Dashboard · fake MyValue</title>
<link rel="stylesheet" href="${DASHBOARD_PATH}/dashboard.css">
<link rel="icon" href="${DASHBOARD_PATH}/favicon.svg" type="image/svg+xml">
<script type="module" src="${DASHBOARD_PATH}/dashboard.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
  <p class="brand">fake MyValue <span>dashboard</span></p>
  <nav aria-label="Views">
    <ul>
      <li><a href="#requests" data-view="requests">Requests</a></li>
      <li><a href="#state" data-view="state">State</a></li>
      <li><a href="#controls" data-view="controls">Controls</a></li>
    </ul>
  </nav>
  <p id="clock-now" class="clock" aria-label="The fake's clock"></p>
</header>
<div id="token-box" class="token" role="alert" hidden>
  <form id="token-form">
    <p>This fake needs its admin token (<code>--admin-token</code>). It stays in this tab only (sessionStorage).</p>
    <label for="token-input">Admin token</label>
    <input id="token-input" type="password" autocomplete="off" required>
    <button type="submit">Use token</button>
  </form>
</div>
<main id="main" tabindex="-1">
<noscript><p>The dashboard needs JavaScript (a small module served by the fake itself).</p></noscript>

<section id="requests" class="view" aria-labelledby="requests-title">
  <h1 id="requests-title">Requests</h1>
  <form id="filters" class="filters" role="search" aria-label="Filter requests">
    <label>Path <input id="filter-path" name="path" type="search" placeholder="/service/point/"></label>
    <label>Status <input id="filter-status" name="status" type="search" inputmode="numeric" placeholder="401 or 4xx"></label>
    <label>Client (clientID) <input id="filter-client" name="client" type="search" placeholder="GramediaPOS"></label>
  </form>
  <p id="stream-state" class="muted">Connecting to the live list…</p>
  <p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>
  <div class="split">
    <div class="scroll">
      <table id="request-table">
        <caption class="visually-hidden">Journaled requests, newest first. Open a row for the full request and answer.</caption>
        <thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Rule</th><th scope="col">Client</th><th scope="col">Status</th><th scope="col">ms</th><th scope="col">Fault</th><th scope="col">Sign</th></tr></thead>
        <tbody id="request-rows"></tbody>
      </table>
      <p id="no-requests" class="muted">No requests yet: send one to the fake.</p>
    </div>
    <section id="detail" class="detail" aria-labelledby="detail-title" tabindex="-1" hidden>
      <h2 id="detail-title">Request</h2>
      <div id="detail-body"></div>
    </section>
  </div>
</section>

<section id="state" class="view" aria-labelledby="state-title" hidden>
  <h1 id="state-title">State</h1>
  <p><button type="button" id="state-refresh">Refresh</button> <span class="muted">It also refreshes after each request the fake answers.</span></p>
  <div class="split">
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <div class="scroll"><table id="user-table"><thead><tr><th scope="col">valueID</th><th scope="col">Name</th><th scope="col">Point</th></tr></thead><tbody id="user-rows"></tbody></table></div>
      <div id="users-pager"></div>
    </section>
    <section id="user-detail" class="detail" aria-labelledby="user-title" tabindex="-1" hidden>
      <h2 id="user-title">User</h2>
      <div id="user-body"></div>
    </section>
  </div>
  <section aria-labelledby="promos-title">
    <h2 id="promos-title">Promos</h2>
    <div class="scroll"><table id="promo-table"><thead><tr><th scope="col">promoID</th><th scope="col">Title</th><th scope="col">Price</th><th scope="col">Quota</th><th scope="col">Sold</th><th scope="col">Quota left</th><th scope="col">On sale</th><th scope="col">validTo</th></tr></thead><tbody id="promo-rows"></tbody></table></div>
  </section>
</section>

<section id="controls" class="view" aria-labelledby="controls-title" hidden>
  <h1 id="controls-title">Controls</h1>
  <p id="control-result" role="status" aria-live="polite" class="result"></p>
  <div class="cards">
    <section class="card" aria-labelledby="faults-title">
      <h2 id="faults-title">Faults</h2>
      <form id="fault-form">
        <label for="fault-rule">Fault rule (TARGET:SPEC)</label>
        <input id="fault-rule" type="text" required placeholder="point.earn:status=503,times=1" spellcheck="false">
        <button type="submit">Add fault</button>
      </form>
      <ul id="fault-list" class="list"></ul>
      <button type="button" id="faults-clear">Remove all faults</button>
    </section>
    <section class="card" aria-labelledby="clock-title">
      <h2 id="clock-title">Clock</h2>
      <p id="clock-state"></p>
      <form id="clock-advance-form">
        <label for="clock-advance">Move forward by (P1M, 30d, 12h)</label>
        <input id="clock-advance" type="text" required placeholder="P1M" spellcheck="false">
        <button type="submit">Move clock</button>
      </form>
      <form id="clock-set-form">
        <label for="clock-set">Set to (ISO 8601 with its zone)</label>
        <input id="clock-set" type="text" required placeholder="2024-11-01T00:00:00+07:00" spellcheck="false">
        <button type="submit">Set clock</button>
      </form>
      <button type="button" id="clock-next">Move to the next expiry</button>
    </section>
    <section class="card" aria-labelledby="reset-title">
      <h2 id="reset-title">Reset</h2>
      <p>Restores the seed and the startup faults, and empties the journal.</p>
      <button type="button" id="reset" class="danger">Reset the fake</button>
    </section>
  </div>
</section>
</main>
</body>
</html>
`;

/** The tab's icon: served here, or the browser asks for /favicon.ico, which would land in the journal as a 404. */
export const DASHBOARD_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#5b2a86"/><path d="M3 12V4l5 5 5-5v8" stroke="#fff" stroke-width="2" fill="none"/></svg>';

export const DASHBOARD_CSS = `
:root{--fg:#1f1f24;--muted:#5c5c66;--line:#d6d3dc;--bg:#faf9fc;--brand:#5b2a86;--bad:#a4161a;--warn:#8a5a00;--ok:#1b6e3a;--focus:#1459d9}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.25rem .5rem;z-index:2}
header{display:flex;gap:1.5rem;align-items:center;padding:.5rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
.brand{margin:0;font-weight:700;color:var(--brand)}.brand span{font-weight:400;color:var(--muted)}
nav ul{display:flex;gap:.25rem;list-style:none;margin:0;padding:0}
nav a{display:block;padding:.35rem .75rem;border-radius:6px;color:var(--fg);text-decoration:none}
nav a[aria-current=page]{background:var(--brand);color:#fff}
.clock{margin:0 0 0 auto;color:var(--muted);font-variant-numeric:tabular-nums}
main{padding:1rem}
h1{font-size:1.2rem;margin:.25rem 0 .75rem}h2{font-size:1rem;margin:.75rem 0 .5rem}
:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
.filters{display:flex;flex-wrap:wrap;gap:1rem;margin-bottom:.5rem}
label{font-size:.85rem;color:var(--muted)}
input{font:inherit;padding:.3rem .45rem;border:1px solid #9a97a3;border-radius:4px;min-width:12rem}
.filters label,.card label{display:flex;flex-direction:column;gap:.15rem}
button{font:inherit;padding:.3rem .7rem;border:1px solid var(--brand);border-radius:4px;background:#fff;color:var(--brand);cursor:pointer}
button:hover{background:#f1eaf7}button.danger{border-color:var(--bad);color:var(--bad)}
.split{display:grid;grid-template-columns:minmax(0,max-content) minmax(24rem,1fr);gap:1rem;align-items:start}
/* With no request open, the list takes the whole width (the detail's column stayed reserved, empty). */
.split:has(>.detail[hidden]){grid-template-columns:minmax(0,1fr)}
.scroll{overflow:auto;max-height:70vh;border:1px solid var(--line);background:#fff}
table{border-collapse:collapse;width:100%}
th,td{padding:.25rem .4rem;border-bottom:1px solid #ece9f0;text-align:left;white-space:nowrap;font-variant-numeric:tabular-nums}
thead th{position:sticky;top:0;background:#f3f0f7}
td.path{font-family:ui-monospace,monospace;font-size:13px}
tr.selected{background:#efe6f8}
tbody tr:hover{background:#f7f3fb}
td button{padding:0 .35rem;border:0;text-decoration:underline}
.s2{color:var(--ok)}.s4{color:var(--warn)}.s5,.sx{color:var(--bad);font-weight:600}
/* The detail grows with the page: a sign refusal's explanation is read whole, not behind a second scroll bar. */
.detail{background:#fff;border:1px solid var(--line);padding:.5rem 1rem;min-width:0}
.pager{margin:.5rem 0}
.pager button[disabled]{opacity:.5}
pre{background:#f6f5f8;padding:.5rem;overflow:auto;font:12px/1.4 ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}
.explain{border-left:4px solid var(--bad);padding:.25rem .75rem;background:#fdf1f1;margin:.5rem 0}
.explain code{word-break:break-all}
.hint{font-weight:600;color:var(--bad)}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
.card{background:#fff;border:1px solid var(--line);padding:.5rem 1rem 1rem}
.card form{display:flex;flex-direction:column;gap:.35rem;margin-bottom:.75rem}
.list{padding-left:1.2rem}.list li{margin:.25rem 0}
.result{min-height:1.5em;font-weight:600}
.token{background:#fff3cd;border-bottom:1px solid #e6c65c;padding:.5rem 1rem}
.token form{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}.token p{margin:0;width:100%}
.expired{color:var(--bad)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:1100px){.split,.split:has(>.detail[hidden]){grid-template-columns:minmax(0,1fr)}}
`;
