// HTML building blocks for the fake's SSO pages: escaping and one layout that says plainly it is a fake.
import type { FakeResponse } from '../http/types';
import { esc } from '../../src/shared/html';

export { esc };

/** Hidden inputs carrying fields through a form post. */
export function hiddenInputs(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields.map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`).join('\n');
}

const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f1f8;color:#333}
.fake{background:#fff3cd;color:#664d03;border-bottom:1px solid #e6c65c;padding:.5rem 1rem;font-size:.85rem;text-align:center}
main{max-width:26rem;margin:2.5rem auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:2rem}
.brand{text-align:center;font-weight:700;letter-spacing:.05em;color:#5b2a86;margin-bottom:1rem}
.brand small{display:block;font-weight:400;letter-spacing:0;color:#777}
h1{font-size:1.25rem;text-align:center;margin:.5rem 0 1rem}
p{line-height:1.5}
label{display:block;font-size:.85rem;margin:.75rem 0 .25rem}
input[type=text],input[type=email],input[type=tel],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #bbb;border-radius:6px;font-size:1rem}
button,.button{display:block;width:100%;box-sizing:border-box;margin-top:.75rem;padding:.65rem;border:0;border-radius:20px;font-size:1rem;text-align:center;text-decoration:none;cursor:pointer}
.primary{background:#7b3a96;color:#fff}
.secondary{background:#f0f0f0;color:#222}
.error{background:#fde2e1;color:#842029;border-radius:6px;padding:.6rem}
.accounts{border:1px solid #ddd;border-radius:8px;padding:.5rem 1rem;margin:.5rem 0}
.detail{font-family:ui-monospace,monospace;font-size:.8rem;color:#555;word-break:break-all}
`;

/** A complete page: the fake banner, a text brand (never MyValue's logo), the given body. */
export function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} · MyValue (fake lokal)</title>
${head}
<style>${STYLE}</style>
</head>
<body>
<div class="fake" role="note" data-testid="fake-banner">Ini MyValue palsu untuk pengujian lokal (myvalue-harness), bukan layanan MyValue yang asli. This is a local fake of MyValue for testing.</div>
<main>
<div class="brand">MyValue<small>fake lokal</small></div>
${body}
</main>
</body>
</html>
`;
}

/** An HTML response; pages are never cached and never framed. */
export function htmlResponse(html: string, status = 200, headers: Record<string, string> = {}): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY', ...headers },
    body: html,
  };
}
