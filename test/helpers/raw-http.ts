// One HTTP request sent as written: the path is not normalised (fetch would resolve /x/../ and /./) and
// the Host header may be any name (fetch sets its own), as curl --path-as-is or a rebound page sends them.
import { request, type Agent } from 'node:http';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else the text. */
  body: any;
}

/** `agent`: a socket pool of the caller's (the ledger proofs size it so N requests are N connections). */
export function rawHttp(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string, agent?: Agent): Promise<RawReply> {
  const url = new URL(baseUrl);
  const sent = body === undefined ? headers : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: sent, ...(agent ? { agent } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // HTML, scripts and empty bodies stay text.
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
