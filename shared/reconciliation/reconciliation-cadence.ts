import * as z from 'zod';

/**
 * When a program's run reads only what changed, and when it reads everything.
 *
 *   full sweep ──── incremental ──── incremental ──── … ──── full sweep (a week later)
 *   S0              S1               S2                      S0 + 7 days
 *                   reads since      reads since
 *                   S0 - overlap     S1 - overlap
 *
 * An incremental run reads what the providers can list by time: Partnero partners, customers
 * and sales newest first until a page holds none created since the watermark, and the Attio
 * deals whose stage changed since it (`active_from`). That finds a missed `*.created` webhook
 * and a missed deal move. What no provider can list by time (a partner edited or deleted in
 * Partnero, a refunded sale, a deleted deal, a claim left interrupted or refused) waits for
 * the full sweep: every list read in full, as every run did before.
 *
 * The watermark is the start of the latest run that completed (`changedSince`): a run that
 * skipped something or ran out of time leaves it where it was, so its next run reads the
 * wider window again. The overlap covers a provider clock a little behind ours, a record
 * committed after the time it shows, and Partnero showing whole seconds.
 *
 * A full sweep is also due when the settings changed since the last one: a new mapping or
 * target object changes what the worker would write for every record, not only for the
 * changed ones.
 */
export const reconciliationCursorSchema = z.object({
  /** Start of the latest complete run, full or incremental. */
  changedSince: z.string(),
  /** Start of the latest complete full sweep. */
  fullSweepAt: z.string(),
  /** The settings version that full sweep compared with. */
  fullSweepSettingsVersion: z.number().int(),
});
export type ReconciliationCursor = z.infer<typeof reconciliationCursorSchema>;

export interface ReconciliationCadence {
  /** How long after a complete full sweep the next one is due. */
  readonly fullSweepEveryMs: number;
  /** How far before the watermark an incremental run starts reading. */
  readonly overlapMs: number;
}

export const defaultReconciliationCadence: ReconciliationCadence = {
  fullSweepEveryMs: 7 * 24 * 60 * 60 * 1000,
  overlapMs: 15 * 60 * 1000,
};

export type RunPlan =
  | { readonly mode: 'full'; readonly reason: string }
  | { readonly mode: 'incremental'; /** Changes at or after this instant are read. */ readonly since: string };

/** Full or incremental, for a program whose latest report carries `cursor` (undefined: never complete). */
export function planRun(
  cursor: ReconciliationCursor | undefined,
  settingsVersion: number,
  now: Date,
  cadence: ReconciliationCadence = defaultReconciliationCadence,
): RunPlan {
  if (!cursor) return { mode: 'full', reason: 'no complete full sweep yet' };
  if (cursor.fullSweepSettingsVersion !== settingsVersion)
    return { mode: 'full', reason: 'the settings changed since the last full sweep' };
  if (now.getTime() - Date.parse(cursor.fullSweepAt) >= cadence.fullSweepEveryMs)
    return { mode: 'full', reason: 'the full sweep is due' };
  return { mode: 'incremental', since: new Date(Date.parse(cursor.changedSince) - cadence.overlapMs).toISOString() };
}

/** The instant an incremental run reads changes from; undefined for a full sweep, which reads every list. */
export function changesSince(plan: RunPlan): string | undefined {
  return plan.mode === 'incremental' ? plan.since : undefined;
}

/** The cursor the run leaves for the next one: moved only by a run that compared everything it set out to. */
export function nextCursor(
  previous: ReconciliationCursor | undefined,
  plan: RunPlan,
  run: { readonly startedAt: string; readonly complete: boolean; readonly settingsVersion: number },
): ReconciliationCursor | undefined {
  if (!run.complete) return previous;
  if (plan.mode === 'full')
    return { changedSince: run.startedAt, fullSweepAt: run.startedAt, fullSweepSettingsVersion: run.settingsVersion };
  // An incremental run is planned only from a cursor.
  const last = previous as ReconciliationCursor;
  return { ...last, changedSince: run.startedAt };
}

/** True when a record a provider shows as created (or moved) at `at` is older than the window: undefined or unreadable times are never old. */
/**
 * Whether a page of a newest-first list ends the changes since `since`: every record on it is
 * older, and the page itself reads newest first. Partnero documents `sort=desc` only in its n8n
 * node; a Partnero that ignored it would hand out its oldest records first, and stopping there
 * would miss every change. Such a page keeps the read going, so the run falls back to reading
 * the whole list, never to missing records.
 */
export function pageEndsChanges(createdAts: readonly (string | null | undefined)[], since: string): boolean {
  if (!createdAts.every((at) => isBefore(at, since))) return false;
  const times = createdAts.map((at) => Date.parse(at as string));
  return times.every((time, index) => index === 0 || time <= (times[index - 1] as number));
}

export function isBefore(at: string | null | undefined, since: string): boolean {
  if (!at) return false;
  const time = Date.parse(at);
  return Number.isFinite(time) && time < Date.parse(since);
}
