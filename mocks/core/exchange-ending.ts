// How an exchange ended, as an adapter notes it on the request's `ending` (which the journal keeps): the
// first note wins, since a connection's 'close' also follows an answer already written.
import type { Clock, ExchangeEnding } from '../http/types';

export type EndingHow = NonNullable<ExchangeEnding['how']>;

/**
 * Notes how and when (the fake's clock) the exchange ended, unless it was noted already.
 * @example noteEnding(ending, 'client-closed', fake.clock);
 */
export function noteEnding(ending: ExchangeEnding, how: EndingHow, clock: Clock): void {
  if (ending.how !== undefined) return;
  ending.how = how;
  ending.atMs = clock.now().getTime();
}
