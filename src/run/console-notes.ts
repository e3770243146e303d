// The lines the harness's own sandbox scripts write with a known prefix, and what each becomes in the
// run: the reason an item was not sent (production guard, a variation that skipped itself) or a warning
// (a signed request sent with a {{variable}} no scope sets). One table, one channel of the run's listeners.
import { GUARD_LOG_PREFIX, UNRESOLVED_LOG_PREFIX } from '../collection/hook-script';
import { VARIATION_SKIP_PREFIX } from '../collection/variations';
import type { RequestExtras } from '../reports/run-json';
import type { RunChannel } from './run-channel';

interface ConsoleNote {
  prefix: string;
  kind: 'skip' | 'warning';
  /** The run's words for the rest of the line. */
  say(rest: string): string;
  /** The run says it (one line on the console, run.json) and no reporter prints the script's own line. */
  hidden: boolean;
}

export const CONSOLE_NOTES: readonly ConsoleNote[] = [
  { prefix: GUARD_LOG_PREFIX, kind: 'skip', hidden: false, say: (rest) => `production guard: ${rest} changes state; pass --allow-production-writes to send it` },
  { prefix: VARIATION_SKIP_PREFIX, kind: 'skip', hidden: false, say: (rest) => `variation skipped: ${rest}` },
  { prefix: UNRESOLVED_LOG_PREFIX, kind: 'warning', hidden: true, say: (rest) => rest },
];

const noteOf = (text: string): ConsoleNote | undefined => CONSOLE_NOTES.find((note) => text.startsWith(note.prefix));

export interface ConsoleNoteSinks {
  /** Skip reasons by cursor ref, shared with the runner. */
  skipReasons: Map<string, string>;
  extrasOf(ref: string): RequestExtras;
  log(line: string): void;
}

/**
 * The run's channel that turns prefixed console lines into skip reasons and warnings.
 * @example const channels = [consoleNotes({ skipReasons, extrasOf, log }), ...]
 */
export function consoleNotes(sinks: ConsoleNoteSinks): RunChannel {
  const names = new Map<string, string>();
  return {
    beforeItem: (o) => void names.set(o.ref, o.item.name),
    hideConsole: (text) => noteOf(text)?.hidden === true,
    console: ({ ref, text }) => {
      const note = ref === undefined ? undefined : noteOf(text);
      if (ref === undefined || !note) return;
      const said = note.say(text.slice(note.prefix.length).trim());
      if (note.kind === 'skip') {
        sinks.skipReasons.set(ref, said);
        return;
      }
      const extras = sinks.extrasOf(ref);
      extras.warnings = [...(extras.warnings ?? []), said];
      sinks.log(`warning: "${names.get(ref) ?? ''}": ${said}`);
    },
  };
}
