// A request URL as the collection JSON writes it (v2.1, the SDK's toJSON): a string, or raw text with its
// parts. The host and the whole text read one way for the run's reports and the host retargeting.

export interface UrlJson {
  raw?: string;
  protocol?: string;
  host?: string[] | string;
  port?: string;
  path?: string[] | string;
  query?: Array<{ key?: string | null; value?: string | null; disabled?: boolean }>;
  [key: string]: unknown;
}

/** The host as written: the SDK keeps it as segments ('external', 'ovaltech', 'id'). */
export const urlHost = (url: UrlJson): string => (Array.isArray(url.host) ? url.host.join('.') : (url.host ?? ''));

/** The URL as written: its raw text, or (the SDK's JSON has none) rebuilt from host, path and query. */
export function urlText(url: string | UrlJson | undefined): string {
  if (url === undefined || typeof url === 'string') return url ?? '';
  if (url.raw) return url.raw;
  const path = Array.isArray(url.path) ? url.path.join('/') : (url.path ?? '').replace(/^\//, '');
  const query = (url.query ?? []).filter((q) => !q.disabled).map((q) => (q.value === null || q.value === undefined ? `${q.key ?? ''}` : `${q.key ?? ''}=${q.value}`));
  return `${url.protocol ? `${url.protocol}://` : ''}${urlHost(url)}${url.port ? `:${url.port}` : ''}${path ? `/${path}` : ''}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
