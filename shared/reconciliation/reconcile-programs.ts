import type { BackfillStore } from '../backfill/backfill-store';
import { logger } from '../observability/powertools';
import { registeredProgramIds } from './program-directory';
import { reconcileProgram, type ReconciliationDependencies } from './reconcile-program';
import type { ReconciliationReports, ReconciliationSummary } from './reconciliation-report';

export interface ReconciliationPass {
  readonly reconciled: ReconciliationSummary[];
  /** Programs left for the next run: out of time, or failed (a provider down, a revoked key). */
  readonly notReached: string[];
  readonly failed: string[];
  /** Programs whose backfill is still paging Partnero: it brings every record across already. */
  readonly backfilling: string[];
}

export interface ReconcileProgramsDependencies extends ReconciliationDependencies {
  readonly reports: Pick<ReconciliationReports, 'save' | 'cursorOf' | 'finishedAtOf'>;
  readonly backfills: Pick<BackfillStore, 'activePrograms'>;
}

/**
 * The scheduled job: every registered program in turn, each on its own, so one program whose
 * provider is down or whose key was revoked does not keep the others from being reconciled.
 *
 * What it reads before the first program, whatever the size of the table:
 *
 *   directory  PROGRAMS / PROGRAM#<id>   one Query, paginated   -> the program ids
 *   backfills  BACKFILL_ACTIVE / <id>    one Query              -> programs skipped this run
 *   reports    PROGRAM#<id> / RECONCILIATION  one BatchGet per 100 programs -> the order
 *
 * The least recently reconciled go first, so a run that runs out of time does not leave the same
 * programs behind every time. A program whose backfill is paging Partnero is skipped: the
 * backfill is sending each of its records through the worker already, and comparing while its
 * messages are still queued would only enqueue the same records a second time.
 */
export async function reconcilePrograms(
  deps: ReconcileProgramsDependencies,
  deadline: number,
): Promise<ReconciliationPass> {
  const [registered, active] = await Promise.all([registeredProgramIds(deps.table), deps.backfills.activePrograms()]);
  const backfilling = new Set(active);
  const programIds = await leastRecentlyReconciledFirst(
    deps.reports,
    registered.filter((programId) => !backfilling.has(programId)),
  );
  const skipped = registered.filter((programId) => backfilling.has(programId));
  for (const programId of skipped) logger.info('reconciliation skipped: backfill running', { programId });
  const reconciled: ReconciliationSummary[] = [];
  const failed: string[] = [];
  for (const [index, programId] of programIds.entries()) {
    if (Date.now() >= deadline)
      return { reconciled, failed, backfilling: skipped, notReached: programIds.slice(index) };
    try {
      const summary = await reconcileProgram(deps, programId, deadline);
      if (summary) reconciled.push(summary);
    } catch (error) {
      failed.push(programId);
      logger.error('reconciliation failed', {
        programId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
  return { reconciled, failed, backfilling: skipped, notReached: [] };
}

async function leastRecentlyReconciledFirst(
  reports: Pick<ReconciliationReports, 'finishedAtOf'>,
  programIds: string[],
): Promise<string[]> {
  const lastRun = await reports.finishedAtOf(programIds);
  return [...programIds].sort(
    (a, b) => (lastRun.get(a) ?? '').localeCompare(lastRun.get(b) ?? '') || a.localeCompare(b),
  );
}
