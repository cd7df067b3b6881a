// One run at a time per workbook, across the task pane and the ribbon. They are separate JavaScript runtimes (no
// shared runtime), so the lock lives in the workbook: a defined name holding the run's token, start time and task.
// Adding a name that exists fails, so taking a free lock is one round trip and two runs cannot both take it; a lock
// older than STALE_MS (a run that crashed or was closed) is taken over and read back to be sure it is ours.
// The name does not start with NAME_PREFIX: it is never read into the grid, kept in the undo record or removed by a
// plan, and it is removed after every run, success or failure.
import { MESSAGES, type BusyTask } from "../app/messages";
import { PortError } from "../app/port";
import { errorCode } from "./errors";

export const LOCK_NAME = "KPATrackerRunLock";
/** A run holding the lock longer than this is taken to have died. */
export const STALE_MS = 5 * 60_000;

export interface RunLock {
  readonly token: string;
  /** When the run started, in ms since 1970. */
  readonly since: number;
  readonly task: BusyTask;
}

// A record, so a task added to BusyTask without being listed here fails to compile (its lock could not be read back).
const TASK_NAMES: Readonly<Record<BusyTask, true>> = {
  evaluating: true,
  undoing: true,
  "adding a template": true,
  "adding tracking columns": true,
  "recording a measurement": true,
  "saving the settings": true,
};
const TASKS = Object.keys(TASK_NAMES) as readonly BusyTask[];

/** A token telling this run's lock from another's (not a secret). */
export function runToken(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/** The lock as the name's formula: a text constant, so Excel never evaluates it as a reference. */
export function lockFormula(lock: RunLock): string {
  return `="${lock.token}|${lock.since}|${lock.task}"`;
}

/** The lock a name's formula holds; undefined when it is not one of ours (then it is taken over as stale). */
export function parseLock(formula: string): RunLock | undefined {
  const m = /^="([a-z0-9]+)\|(\d+)\|([a-z ]+)"$/.exec(formula);
  const task = m?.[3] as BusyTask | undefined;
  if (!m || !task || !TASKS.includes(task)) return undefined;
  return { token: m[1] as string, since: Number(m[2]), task };
}

/** How Excel may refuse adding a name that exists (ItemAlreadyExists; older hosts give a generic code). */
const MAYBE_HELD = new Set(["ItemAlreadyExists", "InvalidArgument", "GeneralException"]);

const COMMENT = "KPA Tracker is running. Delete this name only if no evaluation is in progress.";

/**
 * Takes the workbook's run lock for `lock`, or refuses with the busy sentence naming what holds it. Returns the round
 * trips it took: one when the lock was free. `reclaim` is a token of this runtime's whose release failed (Excel was
 * in cell-edit mode, say): a lock holding it is taken over at once rather than after STALE_MS.
 */
export async function takeLock(context: Excel.RequestContext, lock: RunLock, reclaim?: string): Promise<number> {
  const names = context.workbook.names;
  names.add(LOCK_NAME, lockFormula(lock), COMMENT);
  try {
    await context.sync();
    return 1;
  } catch (e) {
    // Excel refusing every request (cell-edit mode, overload) says nothing about the lock.
    if (!MAYBE_HELD.has(errorCode(e) ?? "")) throw e;
    const held = names.getItemOrNullObject(LOCK_NAME).load("formula");
    await context.sync();
    if (held.isNullObject) throw e;
    const other = parseLock(held.formula);
    // A clock far ahead (another machine's) counts as stale too, so a dead lock never stays for long.
    if (other && other.token !== reclaim && Math.abs(lock.since - other.since) < STALE_MS)
      throw new PortError(MESSAGES.busy({ task: other.task }));
    held.delete();
    names.add(LOCK_NAME, lockFormula(lock), COMMENT);
    await context.sync();
    // Read back in a round trip of its own: another run taking over at the same moment would show here.
    const mine = names.getItemOrNullObject(LOCK_NAME).load("formula");
    await context.sync();
    const now = mine.isNullObject ? undefined : parseLock(mine.formula);
    if (now?.token !== lock.token) throw new PortError(MESSAGES.busy({ task: now?.task ?? lock.task }));
    return 4;
  }
}

/** Removes the lock if it is still this run's (a run that outlived STALE_MS may have lost it). Returns its round trips. */
export async function releaseLock(context: Excel.RequestContext, token: string): Promise<number> {
  const held = context.workbook.names.getItemOrNullObject(LOCK_NAME).load("formula");
  await context.sync();
  if (held.isNullObject || parseLock(held.formula)?.token !== token) return 1;
  held.delete();
  await context.sync();
  return 2;
}
