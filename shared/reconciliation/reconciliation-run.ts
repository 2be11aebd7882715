import type { AuditLog } from '../sync/audit-log';
import type { ReconciliationRepair, ReconciliationSkip, ReconciliationSummary } from './reconciliation-report';

/** What one run of one program has found so far. */
export interface ReconciliationRun {
  readonly runId: string;
  readonly programId: string;
  readonly repairs: ReconciliationRepair[];
  readonly skipped: ReconciliationSkip[];
  readonly checked: ReconciliationSummary['checked'];
  complete: boolean;
  /** Keys of the sales Partnero lists; undefined unless every page of them was read. */
  liveSaleKeys: Set<string> | undefined;
  /** Each listed sale's commission status now (`commissionStatus`) and time, for the deals' status check. */
  readonly saleCommissions: Map<string, { readonly status: string; readonly createdAt: string | null }>;
  /** Ids of the partners and keys of the live customers Partnero lists, for each kind whose every page was read. */
  readonly listedIds: Map<'partner' | 'customer', Set<string>>;
}

/**
 * Notes what could not be compared and carries on: the run ends incomplete, so the next one
 * compares it again, while everything else is still compared and repaired now.
 */
export function skip(run: ReconciliationRun, record: string, error: unknown): void {
  run.complete = false;
  run.skipped.push({ record, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}

/** One audit entry per repair enqueued: the record, the event and why. */
export async function auditRepairs(
  deps: { readonly audit: Pick<AuditLog, 'record'> },
  run: ReconciliationRun,
  repairs: readonly ReconciliationRepair[],
): Promise<void> {
  for (const entry of repairs) {
    await deps.audit.record({
      programId: run.programId,
      direction: 'reconciliation',
      sourceEvent: entry.event,
      sourceRecord: entry.record,
      targetRecord: null,
      outcome: 'applied',
      reason: `${entry.reason}: ${entry.event} enqueued for the worker (reconciliation ${run.runId})`,
    });
  }
}
