// Heap the journal holds after 1,000 requests with 100 KiB bodies, and after DELETE /__admin/requests (clear).
// Run: node --expose-gc --import tsx test/bench/journal-memory.bench.ts
import { createFakeMyValue } from '../../mocks/create-fake';
const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => { gc?.(); gc?.(); return process.memoryUsage().heapUsed / 1048576; };
const fake = createFakeMyValue();
const base = heap();
const body = JSON.stringify({ amount: 1, referenceNo: 'R'.repeat(100 * 1024 - 40), clientID: 'GramediaPOS', sign: 'x' });
for (let i = 0; i < 1000; i++) fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: body.replace('RRRR', String(i).padStart(4, '0')), origin: 'http://x' });
const full = heap();
fake.journal.clear();
const cleared = heap();
console.log(JSON.stringify({ journaled: 1000, heapAboveBaseMB: +(full - base).toFixed(1), afterClearMB: +(cleared - base).toFixed(1), rssMB: +(process.memoryUsage().rss / 1048576).toFixed(0) }));
