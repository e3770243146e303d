// Where a run sends its requests: the fake on a free port (mock), the fake in process behind MSW
// at MyValue's host names (msw), MyValue's own hosts (sandbox, production) or one base URL.
// Express and MSW are loaded only for the target that needs them.
import type { SetupServer } from 'msw/node';
import { createFakeMyValue, loadSeed, type FakeMyValueOptions } from '../../mocks/index';
import { COLLECTION_REDIRECT_URI, isMyValueUrl, isProductionUrl, TARGET_HOSTS, type HostedTarget } from '../shared/hosts';

export type TargetKind = 'mock' | 'msw' | 'sandbox' | 'production' | 'url';

export interface TargetSpec {
  kind: TargetKind;
  /** The base URL when kind is 'url'. */
  url?: string;
}

export interface RunCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TargetSession {
  kind: TargetKind;
  externalBaseUrl: string;
  authBaseUrl: string;
  /** True when requests reach MyValue's production External API. */
  production: boolean;
  /** The fake's MSW server (msw target only): the retry layer puts its handlers ahead of the fake's. */
  msw?: SetupServer;
  stop(): Promise<void>;
}

/** A target at MyValue's own hosts (sandbox, production): real credentials, and an SSO code for the Auth & SSO folder. */
export const isHostedTarget = (spec: TargetSpec): spec is TargetSpec & { kind: HostedTarget } => spec.kind === 'sandbox' || spec.kind === 'production';

/** A target the harness starts the fake for (mock, msw): the seed's clients and secrets apply. */
export const isFakeTarget = (spec: TargetSpec): boolean => spec.kind === 'mock' || spec.kind === 'msw';

/**
 * True when a target's requests reach MyValue's production External API: `production`, or a base URL
 * naming its host however spelled. The one answer to "is this production?": the read-only check before a
 * run, the session's guard and the gate's refusal all ask it.
 */
export function isProductionTarget(spec: TargetSpec): boolean {
  return spec.kind === 'production' || (spec.kind === 'url' && isProductionUrl(spec.url ?? ''));
}

/** Demo client of the shipped seed, the default credentials against mock and msw. */
export const DEMO_CLIENT_ID = 'GramediaPOS';

/** Parses --target: a target name or an http(s) base URL. */
export function parseTarget(value: string): { ok: true; spec: TargetSpec } | { ok: false; error: string } {
  if (value === 'mock' || value === 'msw' || value === 'sandbox' || value === 'production') return { ok: true, spec: { kind: value } };
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, spec: { kind: 'url', url: value.replace(/\/+$/, '') } };
  } catch {
    // not a URL: fall through to the message
  }
  return { ok: false, error: `--target must be mock, msw, sandbox, production or an http(s) URL, got "${value}"` };
}

/** The secret the fake holds for a client (its options' clients, then its seed), when it knows the client. */
export function fakeSecret(clientId: string, fakeOptions: FakeMyValueOptions = {}): string | undefined {
  const known = (list: ReadonlyArray<{ clientId: string; clientSecret: string }> | undefined): string | undefined => list?.find((c) => c.clientId === clientId)?.clientSecret;
  return known(fakeOptions.clients) ?? known((fakeOptions.seed ?? loadSeed(fakeOptions.seedFile)).clients);
}

const noop = async (): Promise<void> => undefined;

/**
 * What the msw target does with a request none of the fake's handlers took. The fake answers every
 * path of MyValue's hosts (its own 404 for unknown ones), so what is left is either another host (the
 * partner's own API, a webhook catcher: sent to the network, as without the harness) or a MyValue host
 * at another scheme or port than the fake's, which is refused rather than sent to MyValue.
 */
export function mswUnhandled(url: string): 'bypass' | 'error' {
  return isMyValueUrl(url) ? 'error' : 'bypass';
}

/**
 * Starts (for mock and msw) or names (for the others) the hosts of a run.
 * The run's client gets the shipped collection's redirect URI (its Auth & SSO folder uses it). A client
 * the fake knows keeps its own secret, so a wrong --client-secret is refused and explained as MyValue
 * would refuse it; a client it does not know is added with the run's secret.
 * @example const session = await startTarget({ kind: 'mock' }, creds); ...; await session.stop();
 */
export async function startTarget(spec: TargetSpec, creds: RunCredentials, fakeOptions: FakeMyValueOptions = {}): Promise<TargetSession> {
  if (isHostedTarget(spec)) {
    return { kind: spec.kind, ...TARGET_HOSTS[spec.kind], production: isProductionTarget(spec), stop: noop };
  }
  if (spec.kind === 'url') {
    const url = spec.url ?? '';
    return { kind: 'url', externalBaseUrl: url, authBaseUrl: url, production: isProductionTarget(spec), stop: noop };
  }
  const clientSecret = fakeSecret(creds.clientId, fakeOptions) ?? creds.clientSecret;
  const fake = createFakeMyValue({ ...fakeOptions, clients: [...(fakeOptions.clients ?? []), { clientId: creds.clientId, clientSecret, redirectUris: [COLLECTION_REDIRECT_URI] }] });
  if (spec.kind === 'mock') {
    const { createExpressApp, listen } = await import('../../mocks/express');
    const server = await listen(createExpressApp(fake), 0, '127.0.0.1');
    return {
      kind: 'mock',
      externalBaseUrl: server.url,
      authBaseUrl: server.url,
      production: false,
      stop: async () => {
        await server.close();
        fake.close();
      },
    };
  }
  const [{ setupServer }, { myValueHandlers }] = await Promise.all([import('msw/node'), import('../../mocks/msw')]);
  const server = setupServer(...myValueHandlers(fake));
  server.listen({ onUnhandledRequest: (request, print) => (mswUnhandled(request.url) === 'error' ? print.error() : undefined) });
  return {
    kind: 'msw',
    ...TARGET_HOSTS.sandbox,
    production: false,
    msw: server,
    stop: async () => {
      server.close();
      fake.close();
    },
  };
}
