// The production host is recognised however it is spelled, so the guard and the gate's refusal hold (the
// gate's refusal through the CLI: hosts-gate.test.ts).
import { describe, expect, it } from 'vitest';
import { isProductionUrl } from '../../src/shared/hosts';
import { startTarget } from '../../src/run/run-target';
import { PRODUCTION_SPELLINGS } from './production-spellings';

describe('isProductionUrl', () => {
  it.each(PRODUCTION_SPELLINGS)('%s is production', (url) => expect(isProductionUrl(url)).toBe(true));

  it.each(['https://external.ovaltech.id', 'https://external.myvalue.id.example.com', 'https://myvalue.id', 'http://127.0.0.1:4010', 'not a url'])('%s is not', (url) => {
    expect(isProductionUrl(url)).toBe(false);
  });
});

describe('the guard and the gate', () => {
  it.each(['http://external.myvalue.id', 'https://external.myvalue.id./'])('a run against %s is a production run (writes are guarded)', async (url) => {
    const session = await startTarget({ kind: 'url', url }, { clientId: 'C', clientSecret: 'made-up' });
    expect(session.production).toBe(true);
    await session.stop();
  });
});
