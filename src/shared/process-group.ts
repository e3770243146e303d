// A child's process group, as `myvalue mock -- CMD` and `myvalue certify -- CMD` run their command: the
// child leads a group of its own (spawn's `detached`), so that it and whatever it starts (a server, a
// test runner's workers) are signalled, waited for and stopped as one.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Windows has no process groups: there only the leader itself is signalled. */
export const PROCESS_GROUPS = process.platform !== 'win32';

const POLL_MS = 20;

/** True when a process with this pid runs (one we may not signal, EPERM, runs too). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sends a signal to the whole group (0 only asks whether one is there); false when no process of it is left. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(PROCESS_GROUPS ? -pgid : pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a process of the group still runs. A member whose parent went before it is a zombie until the
 * machine's init reaps it (a container's init may take a second or more, or never come): dead, holding
 * no port, yet a signal still finds it. On Linux /proc tells them apart; elsewhere a signal 0 answers.
 */
export function groupRuns(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

/** Waits until the group is gone or `ms` passed; true when it is gone. */
export async function groupGone(pgid: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += POLL_MS) {
    if (!groupRuns(pgid)) return true;
    await sleep(POLL_MS);
  }
  return !groupRuns(pgid);
}

/**
 * Stops what is left of the group: SIGTERM, then SIGKILL to what remains after `graceMs`.
 * @example child.once('exit', () => void stopGroup(child.pid, 5_000).then(report));
 */
export async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (!PROCESS_GROUPS || !groupRuns(pgid) || !signalGroup(pgid, 'SIGTERM')) return;
  if (await groupGone(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await groupGone(pgid, Math.max(graceMs, 1_000));
}
