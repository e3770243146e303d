// Memory of the request journal after 1,000 requests with 100 KiB bodies, and after it is cleared
// (DELETE /__admin/requests), side by side in one run: a journal keeping whole bodies (as before the
// byte bound) and the fake's journal (bodies over JOURNAL_BODY_MAX_CHARS not kept). Each runs in a process
// of its own and reports its whole-process RSS and its heap, so one cannot borrow the other's memory.
// Run: npx tsx test/bench/journal-memory.bench.ts
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createJournal, JOURNAL_BODY_MAX_CHARS } from '../../mocks/core/journal';

const REQUESTS = 1000;
const BODY_BYTES = 100 * 1024;

interface Figures {
  rssMB: number;
  heapMB: number;
  rssAfterClearMB: number;
  heapAfterClearMB: number;
}

function measure(maxBodyChars: number): Figures {
  const gc = (globalThis as { gc?: () => void }).gc;
  const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;
  const settle = (): NodeJS.MemoryUsage => {
    gc?.();
    gc?.();
    return process.memoryUsage();
  };
  const journal = createJournal(REQUESTS, maxBodyChars);
  const body = JSON.stringify({ amount: 1, referenceNo: 'R'.repeat(BODY_BYTES - 40), clientID: 'GramediaPOS', sign: 'x' });
  for (let i = 0; i < REQUESTS; i++) {
    // A fresh string per request, decoded from bytes as the adapters do (a replace() alone would share the original's memory).
    const rawBody = Buffer.from(body.replace('RRRR', String(i).padStart(4, '0'))).toString('utf8');
    journal.record({
      timeMs: Date.now(), method: 'POST', path: '/service/point/earn/', query: {}, rawBody, rule: 'point.earn', clientId: 'GramediaPOS',
      signOk: false, status: 401, durationMs: 1, delayMs: 0, fault: null,
    });
  }
  const full = settle();
  journal.clear();
  const cleared = settle();
  return { rssMB: mb(full.rss), heapMB: mb(full.heapUsed), rssAfterClearMB: mb(cleared.rss), heapAfterClearMB: mb(cleared.heapUsed) };
}

const mode = process.argv[2];
if (mode === 'whole' || mode === 'bounded') {
  process.stdout.write(JSON.stringify(measure(mode === 'whole' ? Number.POSITIVE_INFINITY : JOURNAL_BODY_MAX_CHARS)));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (which: string): Figures => JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, which], { encoding: 'utf8' })) as Figures;
  const whole = run('whole');
  const bounded = run('bounded');
  const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}x`;
  console.log(`journal of ${REQUESTS} requests with ${BODY_BYTES / 1024} KiB bodies (each in its own process)`);
  console.log('                          whole bodies   bounded (JOURNAL_BODY_MAX_CHARS)   ratio');
  console.log(`RSS full                  ${String(whole.rssMB).padStart(8)} MB   ${String(bounded.rssMB).padStart(8)} MB                        ${ratio(whole.rssMB, bounded.rssMB)}`);
  console.log(`heap full                 ${String(whole.heapMB).padStart(8)} MB   ${String(bounded.heapMB).padStart(8)} MB                        ${ratio(whole.heapMB, bounded.heapMB)}`);
  console.log(`RSS after clear           ${String(whole.rssAfterClearMB).padStart(8)} MB   ${String(bounded.rssAfterClearMB).padStart(8)} MB                        ${ratio(whole.rssAfterClearMB, bounded.rssAfterClearMB)}`);
  console.log(`heap after clear          ${String(whole.heapAfterClearMB).padStart(8)} MB   ${String(bounded.heapAfterClearMB).padStart(8)} MB                        ${ratio(whole.heapAfterClearMB, bounded.heapAfterClearMB)}`);
}
