// One side channel of a run (the contract check, a variation's original, the sign refusals, the capture...):
// what it does with each of Newman's events, and what it keeps from Newman's reporters. A channel never
// subscribes to Newman itself: run-listeners.ts subscribes once per event and hands each to the channels of
// its table, in the table's order, so what runs when is read in one place.
import type { ItemHop, LiveScope, NewmanEvents } from './newman-bridge';

/** What a channel may do to the run while it goes. */
export interface RunControl {
  /** The live environment scope (what scripts read as pm.environment); undefined before Newman has loaded it. */
  environment(): LiveScope | undefined;
  /** Stops the run after the current item: the rest is not sent, reporters still write. */
  abort(): void;
}

/** A channel's handler of each Newman event it cares about. */
export type ChannelHandlers = { [E in keyof NewmanEvents]?: (event: NewmanEvents[E], run: RunControl) => void };

export interface RunChannel extends ChannelHandlers {
  /** Console lines the run says its own way: they reach the channels, no reporter. */
  hideConsole?(text: string): boolean;
  /** Requests (by a header) that are not the run's own: kept out of Newman's summary, reporters and every channel. */
  hideRequests?(header: (key: string) => unknown): boolean;
  /** Rewrites what a script passes to console.* before any reporter sees it. */
  editConsole?(text: string): string;
  /** Asked before every hop of every request: a refusal (one line) keeps the hop off the wire. */
  judgeHop?(hop: ItemHop): string | undefined;
}
