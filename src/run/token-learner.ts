// Which exchanges teach the masker a token, and how many. Tokens come from MyValue's Auth API only
// (POST /auth/token/ answers an access and a refresh token; /auth/introspect/ is sent one), so only
// exchanges with it are read, and a run learns at most MAX_LEARNED_TOKENS: a service answering 1,000
// `*_token` keys took a 2-request run from 1.8 s to 27.7 s, every token making the masker's work larger.
import { underBase } from '../collection/contract-check';
import { requestPath } from '../contract/index';
import { findTokens, type Masker } from '../shared/masker';

/** The most tokens a run learns; MyValue's token answer holds two (an access and a refresh token). */
export const MAX_LEARNED_TOKENS = 100;

export interface TokenLearner {
  /** Learns the tokens in the texts of one exchange with `url` (answer, request headers and body), when `url` is the Auth API's. */
  learn(url: string | undefined, texts: readonly string[]): void;
}

/** Whether `url` is one of the Auth API's endpoints (`/auth/...` under the run's auth base URL). */
export function isAuthApi(url: string, authBaseUrl: string): boolean {
  return underBase(url, [authBaseUrl]) && requestPath(url, [authBaseUrl]).startsWith('/auth/');
}

/**
 * A learner that feeds `masker` the tokens of Auth API exchanges, up to `limit`; `log` gets one line
 * when the limit is reached (tokens after it are not masked).
 * @example const learner = createTokenLearner(masker, session.authBaseUrl, log); const channel = { request: (r) => learner.learn(r.request?.url, r.texts()) };
 */
export function createTokenLearner(masker: Masker, authBaseUrl: string, log: (line: string) => void, limit: number = MAX_LEARNED_TOKENS): TokenLearner {
  const learned = new Set<string>();
  let full = false;
  return {
    learn(url, texts) {
      if (full || url === undefined || !isAuthApi(url, authBaseUrl)) return;
      for (const text of texts) {
        for (const token of findTokens(text)) {
          if (learned.has(token)) continue;
          if (learned.size >= limit) {
            full = true;
            log(`masking: the Auth API's answers held more than ${limit} tokens, the most a run learns; tokens after those are not masked (MyValue answers two at a time)`);
            return;
          }
          learned.add(token);
          masker.add(token);
        }
      }
    },
  };
}
