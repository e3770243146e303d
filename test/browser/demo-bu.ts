// A small demo business-unit (BU) app for the browser test: its own pages and backend, following the
// partner guide's steps: log in or sign up at the BU, send unmapped users to MyValue's mapping page,
// exchange the code on the redirect page (POST /auth/token/), introspect, store and show the value ID.
import express, { type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { listen, type RunningServer } from '../../mocks/express';

export interface BuUser {
  userId: string;
  fullName: string;
  email?: string;
  phone?: string;
  password: string;
  valueId?: string;
}

export interface DemoBuOptions {
  clientId: string;
  clientSecret: string;
  appName: string;
  users?: BuUser[];
}

export interface DemoBu {
  url: string;
  users: Map<string, BuUser>;
  /** Where MyValue (the fake) listens; set once it runs. */
  setMyValue(url: string): void;
  close(): Promise<void>;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;

const HOME_FORMS = `
<h2>Masuk</h2>
<form method="post" action="/login">
<label>E-mail / Nomor HP <input name="identifier"></label>
<label>Kata sandi BU <input type="password" name="password"></label>
<button type="submit">Masuk ke BU</button>
</form>
<h2>Daftar</h2>
<form method="post" action="/signup">
<label>Nama lengkap <input name="fullName"></label>
<label>E-mail <input name="email"></label>
<label>Nomor HP <input name="phone"></label>
<label>Kata sandi baru <input type="password" name="password"></label>
<button type="submit">Daftar di BU</button>
</form>`;

/** Starts the demo BU on 127.0.0.1, a free port. */
export async function startDemoBu(options: DemoBuOptions): Promise<DemoBu> {
  const users = new Map((options.users ?? []).map((u) => [u.userId, { ...u }]));
  const pendingStates = new Map<string, string>();
  let myValue = '';
  let self = '';
  const app = express();
  app.use(express.urlencoded({ extended: false }));

  const toMapping = (res: Response, user: BuUser): void => {
    if (user.valueId) {
      res.redirect(303, `/home?user=${encodeURIComponent(user.userId)}`);
      return;
    }
    const state = randomBytes(12).toString('base64url');
    pendingStates.set(state, user.userId);
    const query = new URLSearchParams({
      user_id: user.userId, client_id: options.clientId, app_name: options.appName, full_name: user.fullName,
      redirect_uri: `${self}/callback`, fallback_uri: `${self}/home`, state,
    });
    if (user.email) query.set('email', user.email);
    if (user.phone) query.set('phone_number', user.phone);
    res.redirect(303, `${myValue}/authorize/mapping?${query}`);
  };

  app.get('/', (_req, res) => {
    res.type('html').send(page(`${options.appName}`, HOME_FORMS));
  });
  app.post('/login', (req: Request, res: Response) => {
    const { identifier, password } = req.body as Record<string, string>;
    const user = [...users.values()].find((u) => (u.email === identifier || u.phone === identifier) && u.password === password);
    if (!user) {
      res.status(401).type('html').send(page('Login BU gagal', '<p data-testid="bu-error">E-mail/nomor HP atau kata sandi salah</p>'));
      return;
    }
    toMapping(res, user);
  });
  app.post('/signup', (req: Request, res: Response) => {
    const { fullName, email, phone, password } = req.body as Record<string, string>;
    const user: BuUser = { userId: `bu-${randomBytes(6).toString('hex')}`, fullName: fullName ?? '', password: password ?? '' };
    if (email) user.email = email;
    if (phone) user.phone = phone;
    users.set(user.userId, user);
    toMapping(res, user);
  });
  // Steps 3 to 5 of the guide: code on the redirect, token and user data from the backend, store the value ID.
  app.get('/callback', async (req: Request, res: Response) => {
    const { code, state } = req.query as Record<string, string | undefined>;
    const userId = state === undefined ? undefined : pendingStates.get(state);
    const user = userId === undefined ? undefined : users.get(userId);
    if (!code || !user || !state) {
      res.status(400).type('html').send(page('Mapping gagal', '<p data-testid="bu-error">state tidak dikenal</p>'));
      return;
    }
    pendingStates.delete(state);
    const post = async (path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
      const r = await fetch(`${myValue}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    const token = await post('/auth/token/', { grant_type: 'authorization_code', client_id: options.clientId, client_secret: options.clientSecret, code, redirect_uri: `${self}/callback` });
    if (token.status !== 200) {
      res.status(502).type('html').send(page('Mapping gagal', `<p data-testid="bu-error">token: ${token.status} ${esc(String(token.json.id))}</p>`));
      return;
    }
    const info = await post('/auth/introspect/', { access_token: token.json.access_token });
    if (info.status !== 200) {
      res.status(502).type('html').send(page('Mapping gagal', `<p data-testid="bu-error">introspect: ${info.status} ${esc(String(info.json.id))}</p>`));
      return;
    }
    user.valueId = String(info.json.valueID);
    const memberships = (info.json.userMembership ?? []) as Array<{ memberNo: string; membershipName: string }>;
    const mine = memberships.find((m) => m.membershipName === 'MyValue Third Party' && m.memberNo === user.userId);
    res.type('html').send(page(`${options.appName}: akun terhubung`, `
<p>Akun ${esc(user.fullName)} terhubung dengan MyValue.</p>
<p>Value ID: <span data-testid="value-id">${esc(user.valueId)}</span></p>
<p>Keanggotaan MyValue Third Party: <span data-testid="member-no">${esc(mine?.memberNo ?? 'tidak ada')}</span></p>`));
  });
  app.get('/home', (req: Request, res: Response) => {
    const user = users.get(String(req.query.user ?? ''));
    res.type('html').send(page(`Beranda ${options.appName}`, `<p data-testid="home">${user?.valueId ? `Value ID ${esc(user.valueId)}` : 'Belum terhubung dengan MyValue'}</p>`));
  });

  const server: RunningServer = await listen(app, 0);
  self = server.url;
  return { url: server.url, users, setMyValue: (url) => { myValue = url; }, close: () => server.close() };
}
