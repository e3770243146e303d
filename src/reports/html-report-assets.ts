// report.html's style sheet and script, inlined under the page's nonce: nothing is fetched, so the
// report opens from a CI artifact offline and under a strict Content-Security-Policy. The look is the
// dashboard's. The script only filters and opens what the page already holds; it reads no data of the run.

export const REPORT_CSS = `
:root{--fg:#1f1f24;--muted:#5c5c66;--line:#d6d3dc;--bg:#faf9fc;--brand:#5b2a86;--bad:#a4161a;--bad-bg:#fdf1f1;--warn:#8a5a00;--ok:#1b6e3a;--ok-bg:#eef7f1;--focus:#1459d9}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;align-items:baseline;padding:.5rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
.brand{margin:0;font-weight:700;color:var(--brand)}.brand span{font-weight:400;color:var(--muted)}
header p{margin:0}
main{padding:1rem;max-width:90rem}
h1{font-size:1.2rem;margin:.25rem 0 .75rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}h3{font-size:.95rem;margin:1rem 0 .35rem;color:var(--muted)}
:focus-visible{outline:3px solid var(--focus);outline-offset:1px}
.muted{color:var(--muted)}
.summary{background:#fff;border:1px solid var(--line);border-left:6px solid var(--ok);padding:.75rem 1rem}
.summary.fail{border-left-color:var(--bad)}
.verdict{display:inline-block;padding:.1rem .6rem;border-radius:4px;background:var(--ok);color:#fff;font-weight:700;margin-right:.5rem}
.fail .verdict{background:var(--bad)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.5rem;margin:0}
.cards div{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;background:var(--bg)}
.cards dt{font-size:.8rem;color:var(--muted)}.cards dd{margin:0;font-size:1.15rem;font-weight:600;font-variant-numeric:tabular-nums}
.cards dd small{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}
.cards .bad dd{color:var(--bad)}
.controls{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.controls[hidden]{display:none}
button{font:inherit;padding:.25rem .7rem;border:1px solid var(--brand);border-radius:4px;background:#fff;color:var(--brand);cursor:pointer}
button:hover{background:#f1eaf7}button[aria-pressed=true]{background:var(--brand);color:#fff}
input{font:inherit;padding:.25rem .45rem;border:1px solid #9a97a3;border-radius:4px;min-width:14rem}
details.request{background:#fff;border:1px solid var(--line);border-left:4px solid var(--ok);margin:.25rem 0}
details.request.failed{border-left-color:var(--bad)}
details.request.skipped{border-left-color:var(--muted)}
details.request>summary{cursor:pointer;padding:.3rem .6rem;display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:baseline}
details.request[open]>summary{border-bottom:1px solid #ece9f0}
.body{padding:.4rem .8rem .6rem}
.mark{font-weight:700;width:1rem}.failed .mark{color:var(--bad)}.passed .mark{color:var(--ok)}
.method{font:600 12px ui-monospace,monospace}
.name{font-weight:600}
.tag{font-size:.75rem;border:1px solid var(--line);border-radius:10px;padding:0 .45rem;color:var(--muted)}
.tag.bad{border-color:var(--bad);color:var(--bad)}
.s2{color:var(--ok)}.s3{color:var(--muted)}.s4{color:var(--warn)}.s5,.sx{color:var(--bad);font-weight:600}
.num{font-variant-numeric:tabular-nums;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.25rem 0}
th,td{padding:.2rem .4rem;border-bottom:1px solid #ece9f0;text-align:left;vertical-align:top}
th{font-size:.8rem;color:var(--muted);font-weight:600}
table.assertions td:first-child{width:4.5rem}table.assertions td:nth-child(2){width:45%}
td.ok{color:var(--ok)}td.bad{color:var(--bad);font-weight:600}td.skip{color:var(--muted)}
.reasons{margin:.25rem 0;padding-left:1.2rem;color:var(--bad)}
.explain{border-left:4px solid var(--bad);padding:.25rem .75rem;background:var(--bad-bg);margin:.5rem 0}
.explain code{word-break:break-all}
.warning{border-left:4px solid var(--warn);padding:.25rem .75rem;background:#fff8e6;margin:.5rem 0}
code{font:12px ui-monospace,monospace;word-break:break-all}
pre{background:#f6f5f8;padding:.5rem;margin:.25rem 0;overflow:auto;max-height:24rem;font:12px/1.4 ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}
.exchange{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:.75rem}
.exchange h4{margin:.5rem 0 .1rem;font-size:.85rem}
.cut{font-size:.8rem;color:var(--muted)}
[hidden]{display:none !important}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{.controls{display:none}details.request{break-inside:avoid}}
`;

/** Filters the request list by state and text, opens and closes all; the page works without it. */
export const REPORT_JS = `
(function () {
  'use strict';
  var controls = document.getElementById('controls');
  if (!controls) return;
  controls.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#requests details.request'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('#requests .group'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var state = 'all';
  function apply() {
    var text = search.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var match = (state === 'all' || row.getAttribute('data-state') === state) && (text === '' || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !match;
      if (match) count += 1;
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector('details.request:not([hidden])') === null;
    });
    shown.textContent = count + ' of ' + rows.length + ' shown';
  }
  controls.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) return;
    if (button.hasAttribute('data-filter')) {
      state = button.getAttribute('data-filter');
      controls.querySelectorAll('button[data-filter]').forEach(function (b) { b.setAttribute('aria-pressed', String(b === button)); });
      apply();
    } else if (button.hasAttribute('data-open')) {
      var open = button.getAttribute('data-open') === 'true';
      rows.forEach(function (row) { if (!row.hidden) row.open = open; });
    }
  });
  search.addEventListener('input', apply);
  apply();
})();
`;
