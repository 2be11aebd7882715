import { logger } from '../observability/powertools';
import { registeredProgramIds } from './program-directory';
import { reconcileProgram, type ReconciliationDependencies } from './reconcile-program';
import type { ReconciliationReports, ReconciliationSummary } from './reconciliation-report';

export interface ReconciliationPass {
  readonly reconciled: ReconciliationSummary[];
  /** Programs left for the next run: out of time, or failed (a provider down, a revoked key). */
  readonly notReached: string[];
  readonly failed: string[];
}

/**
 * The scheduled job: every registered program in turn, each on its own, so one program whose
 * provider is down or whose key was revoked does not keep the others from being reconciled.
 * The least recently reconciled go first, so a run that runs out of time does not leave the same
 * programs behind every time.
 */
export async function reconcilePrograms(deps: ReconciliationDependencies & { readonly reports: Pick<ReconciliationReports, 'save' | 'latest'> }, deadline: number): Promise<ReconciliationPass> {
  const programIds = await leastRecentlyReconciledFirst(deps.reports, await registeredProgramIds(deps.table));
  const reconciled: ReconciliationSummary[] = [];
  const failed: string[] = [];
  for (const [index, programId] of programIds.entries()) {
    if (Date.now() >= deadline) return { reconciled, failed, notReached: programIds.slice(index) };
    try {
      const summary = await reconcileProgram(deps, programId, deadline);
      if (summary) reconciled.push(summary);
    } catch (error) {
      failed.push(programId);
      logger.error('reconciliation failed', { programId, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
  return { reconciled, failed, notReached: [] };
}

async function leastRecentlyReconciledFirst(reports: Pick<ReconciliationReports, 'latest'>, programIds: string[]): Promise<string[]> {
  const lastRun = new Map<string, string>();
  for (const programId of programIds) lastRun.set(programId, (await reports.latest(programId))?.finishedAt ?? '');
  return [...programIds].sort((a, b) => (lastRun.get(a) as string).localeCompare(lastRun.get(b) as string) || a.localeCompare(b));
}
