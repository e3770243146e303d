// The --retries range is one rule (retriesProblem): the flag's text and a run's option are refused with the
// same line, and accepted alike, so a second copy of the bounds in either place would show here.
import { describe, expect, it } from 'vitest';
import { parseRetries } from '../../src/cli/commands/run';
import { prepare } from '../../src/run/prepare-run';
import { MAX_RETRIES } from '../../src/run/run-limits';

/** What runCollection's preparation says about `retries`: its error, or undefined when it went past the check. */
async function runRefusal(retries: number): Promise<string | undefined> {
  const prepared = await prepare({ target: 'http://127.0.0.1:9', clientId: 'C', clientSecret: 'made-up-secret-0123', retries, collection: 'missing.postman_collection.json' });
  return prepared.ok || !prepared.error.startsWith('--retries') ? undefined : prepared.error;
}

/** What the CLI's flag parser says: its one line, or undefined when it took the value. */
function flagRefusal(value: string): string | undefined {
  try {
    parseRetries(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('--retries bounds', () => {
  it.each([-1, 1.5, MAX_RETRIES + 1, 99])('%s: the flag and the run option refuse with one line', async (value) => {
    const line = `--retries takes a whole number from 0 to ${MAX_RETRIES}, got "${value}"`;
    expect(flagRefusal(String(value))).toBe(line);
    expect(await runRefusal(value)).toBe(line);
  });

  it.each([0, 1, MAX_RETRIES])('%s: both accept it', async (value) => {
    expect(flagRefusal(String(value))).toBeUndefined();
    expect(await runRefusal(value)).toBeUndefined();
  });
});
