// The two adapters the scenario table runs against: Express on a free port, MSW in process.
import { setupServer } from 'msw/node';
import { createExpressApp, listen } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import type { Fake } from '../../mocks/core/app';

export interface Transport {
  name: 'express' | 'msw';
  baseUrl: string;
  close(): Promise<void>;
}

export async function expressTransport(fake: Fake): Promise<Transport> {
  const running = await listen(createExpressApp(fake), 0);
  return { name: 'express', baseUrl: running.url, close: running.close };
}

/** MSW at the sandbox host: fetch('https://external.ovaltech.id/...') never leaves the process. */
export async function mswTransport(fake: Fake, baseUrl = 'https://external.ovaltech.id'): Promise<Transport> {
  const server = setupServer(...myValueHandlers(fake, { baseUrls: [baseUrl] }));
  server.listen({ onUnhandledRequest: 'error' });
  return { name: 'msw', baseUrl, close: async () => server.close() };
}

export const TRANSPORTS = [
  ['express', expressTransport],
  ['msw', mswTransport],
] as const;
