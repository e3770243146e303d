// `myvalue mock --fault RULE --journal-size N`: bad flags give one line and exit 2; good ones reach the server.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { balancePath, CLIENT } from './helpers';

function capture(onOut?: (line: string) => void): CliIO & { out: (l: string) => void; lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return {
    lines,
    out: (line) => {
      lines.out.push(line);
      onOut?.(line);
    },
    err: (line) => lines.err.push(line),
  };
}

describe('myvalue mock fault flags', () => {
  it.each([
    [['--fault', 'point.earn:status=418'], '--fault "point.earn:status=418": status must be 500, 502, 503 or 504, got "418"'],
    [['--fault', 'status=503'], '--fault "status=503": a fault rule is TARGET:SPEC'],
    [['--fault', '*:latency=5', '--fault', 'point.ern:drop'], '--fault "point.ern:drop": unknown route "point.ern"'],
    [['--journal-size', '-1'], '--journal-size must be a whole number 0-1000000, got "-1"'],
    [['--journal-size', 'lots'], '--journal-size must be a whole number 0-1000000, got "lots"'],
  ])('%j: one line, exit 2', async (flags, message) => {
    const io = capture();
    const code = await main(['node', 'myvalue', 'mock', '--port', '0', '--quiet', ...flags], io);
    expect(code).toBe(2);
    expect(io.lines.err).toHaveLength(1);
    expect(io.lines.err[0]).toContain(`myvalue: ${message}`);
    expect(io.lines.err[0]).not.toMatch(/\n|at .*\.ts:\d+/);
    expect(io.lines.out).toEqual([]);
  });

  it('starts with the faults and journal size given, and serves them', async () => {
    let resolveUrl: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (resolveUrl = resolve));
    const io = capture((line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) resolveUrl(m[1] as string);
    });
    const before = new Set([...process.listeners('SIGTERM'), ...process.listeners('SIGINT')]);
    const flags = ['--client', `${CLIENT.clientId}:${CLIENT.clientSecret}`, '--fault', 'point.get:status=503,times=1', '--journal-size', '1'];
    const exit = main(['node', 'myvalue', 'mock', '--port', '0', '--quiet', ...flags], io);
    const url = await listening;
    try {
      expect(io.lines.out.join('\n')).toContain('faults: point.get:status=503,times=1');
      expect((await fetch(`${url}${balancePath()}`)).status).toBe(503);
      expect((await fetch(`${url}${balancePath()}`)).status).toBe(200);
      const journal = (await (await fetch(`${url}/__admin/requests`)).json()) as { count: number; requests: Array<{ status: number }> };
      expect(journal).toMatchObject({ count: 1, requests: [{ status: 200 }] });
    } finally {
      // Stop the server through the command's own SIGTERM handler (no signal is sent to the process).
      const stop = process.listeners('SIGTERM').find((l) => !before.has(l));
      for (const l of process.listeners('SIGINT')) if (!before.has(l)) process.off('SIGINT', l);
      stop?.('SIGTERM');
      expect(await exit).toBe(0);
    }
  });
});
