// Pagination links as MyValue writes them: full URLs with the query sorted and a valid sign,
// so a partner can follow `next` as it is.
import { computeSign } from '../../src/signing';
import type { RouteContext } from './route';

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  perPage: number;
  results: T[];
}

/**
 * The URL of another page of the same request. `pageKey`/`sizeKey` name the paging fields
 * ('page'/'limit' for history, 'page'/'pageSize' for promos and vouchers).
 */
export function pageLink(ctx: RouteContext, page: number, perPage: number, sizeKey: string, extra: Record<string, string | string[]> = {}): string {
  const rule = ctx.rule;
  const params: Record<string, string> = {};
  for (const field of rule?.fields ?? []) {
    const value = ctx.fields[field];
    if (typeof value === 'string' && value !== '' && field !== 'ID') params[field] = value;
  }
  params.page = String(page);
  params[sizeKey] = String(perPage);
  params.clientID = ctx.client.clientId;
  if (rule) {
    params.sign = computeSign(rule, { clientId: ctx.client.clientId, clientSecret: ctx.client.clientSecret, fields: params });
  }
  const search = new URLSearchParams();
  const all: Record<string, string | string[]> = { ...params, ...extra };
  for (const key of Object.keys(all).sort()) {
    const value = all[key];
    for (const v of Array.isArray(value) ? value : [value ?? '']) search.append(key, v);
  }
  return `${ctx.req.origin}${ctx.req.path}?${search.toString()}`;
}

/** A page of rows with next/previous links (null at the ends). */
export function paginate<T>(ctx: RouteContext, rows: T[], count: number, page: number, perPage: number, sizeKey: string, extra: Record<string, string | string[]> = {}): Page<T> {
  const last = Math.max(1, Math.ceil(count / perPage));
  return {
    count,
    next: page < last ? pageLink(ctx, page + 1, perPage, sizeKey, extra) : null,
    previous: page > 1 ? pageLink(ctx, Math.min(page - 1, last), perPage, sizeKey, extra) : null,
    perPage,
    results: rows,
  };
}
