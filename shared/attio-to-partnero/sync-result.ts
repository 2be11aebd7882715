import type { SyncOutcome } from '../sync/outcomes';

/** What became of one Attio event: the audit entry's outcome, target and reason. */
export interface SyncResult {
  readonly outcome: SyncOutcome;
  /** What was written in Partnero, e.g. `partnero:transaction:<key>`; null when nothing was. */
  readonly targetRecord: string | null;
  readonly reason: string;
}

export function transactionTarget(key: string): string {
  return `partnero:transaction:${key}`;
}

export function customerTarget(key: string): string {
  return `partnero:customer:${key}`;
}
