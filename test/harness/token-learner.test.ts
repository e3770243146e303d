// Which exchanges teach the masker a token, and how many (a service answering 1,000 `*_token` keys once
// slowed a run fifteen-fold): only the Auth API's, at most MAX_LEARNED_TOKENS a run, said in one line; the tokens of one answer cost one
// build of the masker's pattern, not one each.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMasker, MASK } from '../../src/shared/masker';
import { createTokenLearner, isAuthApi, MAX_LEARNED_TOKENS } from '../../src/run/token-learner';

const tokens = (count: number, tag: string): string => JSON.stringify({ token_type: 'bearer', ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}_token`, `tok-made-up-${tag}-${i}`])) });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('isAuthApi', () => {
  it.each([
    ['https://auth.ovaltech.id', 'https://auth.ovaltech.id/auth/token/', true],
    ['https://auth.ovaltech.id', 'https://auth.ovaltech.id/auth/introspect/', true],
    ['https://auth.ovaltech.id', 'https://external.ovaltech.id/auth/token/', false],
    ['https://auth.ovaltech.id', 'https://auth.ovaltech.id/authorize/mapping', false],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/auth/token/', true],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/service/user/', false],
    ['http://127.0.0.1:8080/prefix', 'http://127.0.0.1:8080/prefix/auth/token/', true],
    ['http://127.0.0.1:8080/prefix', 'http://127.0.0.1:8080/auth/token/', false],
  ])('auth base %s, %s: %s', (base, url, expected) => {
    expect(isAuthApi(url, base)).toBe(expected);
  });
});

describe('createTokenLearner', () => {
  const base = 'http://127.0.0.1:8080';

  it("learns the Auth API's tokens, and none from the External API's answers", () => {
    const masker = createMasker(['made-up-secret-9d2c']);
    const learner = createTokenLearner(masker, base, () => undefined);
    learner.learn(`${base}/service/user/`, ['{"access_token":"at-from-external-1234"}']);
    learner.learn(`${base}/auth/token/`, ['{"access_token":"at-from-auth-5678","refresh_token":"rt-from-auth-9012"}']);
    expect(masker.mask('at-from-auth-5678 rt-from-auth-9012 at-from-external-1234')).toBe(`${MASK} ${MASK} at-from-external-1234`);
    expect(masker.size).toBe(3);
  });

  it(`learns at most ${MAX_LEARNED_TOKENS} tokens a run, and says so in one line`, () => {
    const masker = createMasker(['made-up-secret-9d2c']);
    const lines: string[] = [];
    const learner = createTokenLearner(masker, base, (line) => lines.push(line));
    learner.learn(`${base}/auth/token/`, [tokens(1_000, 'a')]);
    learner.learn(`${base}/auth/token/`, [tokens(1_000, 'b')]);
    expect(masker.size).toBe(1 + MAX_LEARNED_TOKENS);
    expect(lines).toEqual([`masking: the Auth API's answers held more than ${MAX_LEARNED_TOKENS} tokens, the most a run learns; tokens after those are not masked (MyValue answers two at a time)`]);
  });

  it('a token seen again does not count twice', () => {
    const masker = createMasker([]);
    const lines: string[] = [];
    const learner = createTokenLearner(masker, base, (line) => lines.push(line), 2);
    for (let i = 0; i < 5; i += 1) learner.learn(`${base}/auth/token/`, ['{"access_token":"at-same-1234","refresh_token":"rt-same-5678"}']);
    expect(masker.size).toBe(2);
    expect(lines).toEqual([]);
  });
});

describe("the masker's pattern", () => {
  it('is built once for the tokens of one answer, when a text is masked, not once per token', () => {
    const masker = createMasker(['made-up-secret-9d2c']);
    const learner = createTokenLearner(masker, 'http://127.0.0.1:8080', () => undefined);
    // Counts `new RegExp(...)` and builds the real thing (a bare spy would hand back an object replace() does not take for a RegExp).
    const Real = RegExp;
    const built = vi.spyOn(globalThis, 'RegExp').mockImplementation(function (pattern?: string | RegExp, flags?: string) {
      return new Real(pattern ?? '', flags);
    } as unknown as RegExpConstructor);
    learner.learn('http://127.0.0.1:8080/auth/token/', [tokens(50, 'a')]);
    const patterns = (): number => built.mock.calls.filter(([source]) => typeof source === 'string' && source.includes('tok')).length;
    expect(patterns()).toBe(0);
    expect(masker.mask('tok-made-up-a-0 and tok-made-up-a-49')).toBe(`${MASK} and ${MASK}`);
    expect(masker.mask('tok-made-up-a-7')).toBe(MASK);
    expect(patterns()).toBe(1);
  });
});
