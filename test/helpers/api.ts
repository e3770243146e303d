// A small signed client for the fake, the way a partner's backend would call MyValue.
import { searchOf, signedWire } from './signed-wire';

export const DEMO = { clientId: 'GramediaPOS', clientSecret: 'demo-secret-gramedia-pos' } as const;

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  clientId?: string;
  clientSecret?: string;
  /** A sign to send instead of the right one (null: send none). */
  sign?: string | null;
  /** Extra query parameters that are not signed (e.g. repeated category). */
  extraQuery?: Array<[string, string]>;
}

export class Api {
  constructor(readonly baseUrl: string, readonly creds: { clientId: string; clientSecret: string } = DEMO) {}

  /** Calls the endpoint of `ruleName` with the fields signed (ID goes into the path). */
  async call<T = any>(ruleName: string, fields: Record<string, unknown>, options: CallOptions = {}): Promise<Reply<T>> {
    const creds = { clientId: options.clientId ?? this.creds.clientId, clientSecret: options.clientSecret ?? this.creds.clientSecret };
    const extraQuery: Record<string, string[]> = {};
    for (const [k, v] of options.extraQuery ?? []) (extraQuery[k] ??= []).push(v);
    const wire = signedWire(ruleName, creds, fields, { sign: options.sign, extraQuery });
    if (wire.body !== undefined) return this.raw('POST', wire.path, JSON.stringify(wire.body));
    return this.raw('GET', `${wire.path}?${searchOf(wire)}`);
  }

  async raw<T = any>(method: string, pathAndQuery: string, body?: string, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const url = pathAndQuery.startsWith('http') ? pathAndQuery : `${this.baseUrl}${pathAndQuery}`;
    const res = await fetch(url, { method, body, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HTML or empty bodies stay text.
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  async balance(valueID: string): Promise<number> {
    const reply = await this.call<{ point: number }>('point.get', { valueID });
    if (reply.status !== 200) throw new Error(`balance of ${valueID}: ${reply.status} ${reply.text}`);
    return reply.body.point;
  }

  async historyCount(valueID: string): Promise<number> {
    const reply = await this.call<{ count: number }>('point.history', { valueID });
    return reply.body.count;
  }
}

let counter = 0;
/** A referenceNo no other call in this process uses. */
export function ref(prefix = 'T'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}
