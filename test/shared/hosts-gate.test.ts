// `myvalue gate` refuses production however its host is spelled (the gate command loads Newman before it
// reads its flags, so this runs in the newman project; the spellings themselves: hosts.test.ts).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

describe('the guard and the gate', () => {
  it.each(['http://external.myvalue.id', 'https://external.myvalue.id./', 'https://EXTERNAL.myvalue.id:443'])('gate --target %s is refused with one line, exit 2', async (url) => {
    const result = await runCli(['gate', '--target', url, '--client-id', 'C', '--client-secret', 'made-up', '--out', '/nonexistent-never-written']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['myvalue: the gate does not run against production (its variations send refused and state-changing requests): use --target sandbox']);
  });
});
