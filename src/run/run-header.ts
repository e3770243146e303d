// The two lines a run opens with: what runs, against what, as whom (a client ID, never a secret).
// `npm start` is `myvalue run --target mock`: these lines are what a partner reads before Newman's output.
import type { TargetSession } from './run-target';

export interface HeaderFacts {
  collectionName: string;
  /** The collection as given (file, directory or URL). */
  collectionPath: string;
  shipped: boolean;
  session: Pick<TargetSession, 'kind' | 'externalBaseUrl' | 'authBaseUrl'>;
  clientId: string;
  /** True when the run fell back to the demo seed's client (mock, msw and URL targets without credentials). */
  demoClient: boolean;
  /** True when the production guard holds the writes back. */
  guarded: boolean;
}

type Where = (facts: HeaderFacts) => string;

/** How each kind of target is named. */
const WHERE: Record<TargetSession['kind'], Where> = {
  mock: ({ session }) => `the fake MyValue on ${session.externalBaseUrl} (--target mock: started for this run, stopped after it)`,
  msw: ({ session }) => `the fake MyValue in this process (--target msw: MSW answers ${session.externalBaseUrl} and ${session.authBaseUrl}; other hosts go to the network)`,
  sandbox: ({ session }) => `MyValue's sandbox, ${session.externalBaseUrl} and ${session.authBaseUrl}`,
  production: ({ session, guarded }) => `MyValue's production, ${session.externalBaseUrl} and ${session.authBaseUrl}${guarded ? ' (read-only: requests that change state are not sent)' : ''}`,
  url: ({ session, guarded }) => `${session.externalBaseUrl}${guarded ? ' (production, read-only: requests that change state are not sent)' : ''}`,
};

/**
 * The run's first two lines.
 * @example runHeader({ collectionName: 'MyValue partner API', shipped: true, ... })
 *   // ['myvalue run: the shipped collection "MyValue partner API" (/.../collections/...)', '  against the fake MyValue on http://127.0.0.1:40123 (...), as the demo client GramediaPOS']
 */
export function runHeader(facts: HeaderFacts): [string, string] {
  const what = `${facts.shipped ? 'the shipped collection' : 'collection'} ${JSON.stringify(facts.collectionName)} (${facts.collectionPath})`;
  const who = facts.demoClient ? `the demo client ${facts.clientId}` : `client ${facts.clientId}`;
  return [`myvalue run: ${what}`, `  against ${WHERE[facts.session.kind](facts)}, as ${who}`];
}
