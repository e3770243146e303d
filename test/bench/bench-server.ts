// The bench's server process: bare Express or the fake, alone in its own process so its RSS is its
// own. Started by fake.bench.ts with fork(); talks to it over IPC (URL, memory, stop).
import express from 'express';
import type { AddressInfo } from 'node:net';

export type ServerKind = 'bare' | 'fake';

export interface ToChild {
  type: 'memory' | 'stop';
}

export interface FromChild {
  type: 'listening' | 'memory';
  url?: string;
  rss?: number;
  maxRss?: number;
  heapUsed?: number;
  /** Size of the fake's SQLite database (in memory), for telling its growth from the heap's. */
  dbBytes?: number;
}

/** The bare baseline: the same paths and response sizes, no signing, no ledger. */
function bareApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // the fake disables ETags too: compare like with like
  app.get('/service/point/', (_req, res) => {
    res.json({ point: 36_578_968 });
  });
  app.post('/service/point/earn/', express.json(), (_req, res) => {
    res.json({ Point: 160 });
  });
  return app;
}

/** The fake as `myvalue mock --quiet` serves it, minus even the warning lines. Loaded only when asked for. */
async function fakeApp(): Promise<{ app: express.Express; dbBytes: () => number }> {
  const { createFakeMyValue } = await import('../../mocks/create-fake');
  const { createExpressApp } = await import('../../mocks/express');
  const fake = createFakeMyValue();
  const db = fake.deps.store.db;
  const dbBytes = (): number => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  return { app: createExpressApp(fake), dbBytes };
}

async function serve(kind: ServerKind): Promise<void> {
  const { app, dbBytes } = kind === 'fake' ? await fakeApp() : { app: bareApp(), dbBytes: undefined };
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const send = (message: FromChild): void => {
    process.send?.(message);
  };
  process.on('message', (message: ToChild) => {
    if (message.type === 'memory') {
      const memory = process.memoryUsage();
      send({ type: 'memory', rss: memory.rss, maxRss: process.resourceUsage().maxRSS * 1024, heapUsed: memory.heapUsed, dbBytes: dbBytes?.() });
    } else if (message.type === 'stop') {
      // A normal exit, so --cpu-prof writes its profile.
      server.close(() => process.exit(0));
      server.closeAllConnections();
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

if (process.send) await serve(process.argv[2] === 'fake' ? 'fake' : 'bare');
