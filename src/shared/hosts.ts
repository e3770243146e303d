// MyValue's hosts per target (SIGNING.md). Neither is reachable from this project's machines.
export const TARGET_HOSTS = {
  sandbox: { externalBaseUrl: 'https://external.ovaltech.id', authBaseUrl: 'https://auth.ovaltech.id' },
  production: { externalBaseUrl: 'https://external.myvalue.id', authBaseUrl: 'https://auth.ovaltech.id' },
} as const;

export type HostedTarget = keyof typeof TARGET_HOSTS;

/** The redirect URI the shipped collection's "Auth & SSO" folder uses (its `redirectUri` variable). */
export const COLLECTION_REDIRECT_URI = 'http://127.0.0.1:5173/callback';

/** A host name as DNS reads it: lower case, without the trailing dot ('EXTERNAL.myvalue.id.' -> 'external.myvalue.id'). */
export const dnsName = (host: string): string => host.toLowerCase().replace(/\.+$/, '');

/** A URL's host as DNS reads it (dnsName). */
export function hostOf(url: string): string | undefined {
  try {
    return dnsName(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/** Every host of MyValue's (External and Auth API, sandbox and production), as DNS reads it. */
const MYVALUE_HOSTS: ReadonlySet<string> = new Set(Object.values(TARGET_HOSTS).flatMap((h) => [hostOf(h.externalBaseUrl), hostOf(h.authBaseUrl)]).filter((h): h is string => h !== undefined));

/** True when a URL names one of MyValue's hosts, whatever the scheme, case, trailing dot or port. */
export function isMyValueUrl(url: string): boolean {
  const host = hostOf(url);
  return host !== undefined && MYVALUE_HOSTS.has(host);
}

/** MyValue's production External API host, as DNS reads it. */
const PRODUCTION_HOST = hostOf(TARGET_HOSTS.production.externalBaseUrl) as string;

/** True when a host name is MyValue's production External API host, whatever its case or trailing dot. */
export const isProductionHost = (host: string): boolean => dnsName(host) === PRODUCTION_HOST;

/**
 * True when a URL names MyValue's production External API host, whatever the scheme, case,
 * trailing dot or port: the production guard and the gate's refusal cannot be bypassed by spelling.
 */
export function isProductionUrl(url: string): boolean {
  const host = hostOf(url);
  return host !== undefined && isProductionHost(host);
}
