// How long `myvalue certify` takes, whole process (the built CLI under /usr/bin/time -v), against the test
// partner backend (a scenario's own run is about 1 s), beside the waits the scenarios impose on it: its
// retry pauses and, in slow-response, its own timeout. Prints figures; asserts nothing.
// Run: npm run build && npx tsx test/bench/certify.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CertifyReport } from '../../src/reports/certify-report';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TIMEOUT_MS = 2000;
const PAUSE_MS = 120;
const out = mkdtempSync(join(tmpdir(), 'myvalue-certify-bench-'));
try {
  const ran = spawnSync('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'dist/cli.mjs'), 'certify', '--out', out, '--max-wait', '3000', '--',
    'env', `PARTNER_TIMEOUT_MS=${TIMEOUT_MS}`, `PARTNER_PAUSE_MS=${PAUSE_MS}`, process.execPath, join(ROOT, 'test/certify/partner-backend.mjs'), 'none'], { encoding: 'utf8' });
  const stats = ran.stderr;
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stats);
  const wallS = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const rssMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stats)?.[1]) / 1024;
  const report = JSON.parse(readFileSync(join(out, 'certify.json'), 'utf8')) as CertifyReport;
  console.log(`verdict ${report.verdict}, exit ${ran.status}`);
  console.log('scenario        command run (s)  imposed waits (s)  retries  requests');
  let imposedTotal = 0;
  for (const s of report.scenarios) {
    const retries = Number(/^(\d+) retr/.exec(s.rules.find((r) => r.id === 'retry-bounded')?.message ?? '')?.[1] ?? 0);
    const imposed = (retries * PAUSE_MS + (s.name === 'slow-response' ? TIMEOUT_MS : 0)) / 1000;
    imposedTotal += imposed;
    console.log(`${s.name.padEnd(16)}${(s.durationMs / 1000).toFixed(2).padStart(15)}${imposed.toFixed(2).padStart(19)}${String(retries).padStart(9)}${String(s.requests).padStart(10)}`);
  }
  const commands = report.scenarios.reduce((n, s) => n + s.durationMs, 0) / 1000;
  console.log(`whole process: ${wallS.toFixed(2)} s wall, max RSS ${rssMb.toFixed(0)} MB`);
  console.log(`  the commands ran ${commands.toFixed(2)} s, of which the scenarios imposed ${imposedTotal.toFixed(2)} s of waits`);
  console.log(`  whole process apart from the imposed waits: ${(wallS - imposedTotal).toFixed(2)} s (bound: 30 s); certify's own share (wall minus the commands): ${(wallS - commands).toFixed(2)} s`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
