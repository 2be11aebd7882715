import type { SyncTable } from '../store/sync-table';
import { DynamoBudgetStore } from './budget-store';
import type { BudgetLimits } from './budget-window';
import { ProviderBudget } from './provider-budget';
import {
  attioWorkspaceLimits,
  partneroProgramLimits,
  withPerSecond,
  type AttioCallKind,
  type PartneroCallKind,
} from './provider-limits';

export interface WorkerBudgetOptions {
  /** The Attio kinds this worker spends besides the one it asks for: `['write']` for a worker that reads then writes. */
  readonly attioAlongside: readonly AttioCallKind[];
  /** A stage's own limits in place of the documented ones (`lib/stage-config.ts`). */
  readonly attioPerSecond?: Partial<Record<AttioCallKind, number>>;
  readonly partneroPerSecond?: number;
  readonly now?: () => number;
}

export interface WorkerBudgets {
  /** The hook for `createAttioClient({ beforeRequest })`: counts the call against the workspace. */
  attioBeforeRequest(workspaceId: string): (kind: AttioCallKind) => Promise<void>;
  /** The hook for `createPartneroClient({ beforeRequest })`: counts the call against the program. */
  partneroBeforeRequest(programId: string): () => Promise<void>;
  readonly limits: { readonly attio: BudgetLimits<AttioCallKind>; readonly partnero: BudgetLimits<PartneroCallKind> };
}

/** The budgets a queue worker spends, one per container, counted in the sync table. */
export function workerBudgets(table: SyncTable, options: WorkerBudgetOptions): WorkerBudgets {
  const store = new DynamoBudgetStore(table);
  const attioLimits = withPerSecond(attioWorkspaceLimits, options.attioPerSecond ?? {});
  const partneroLimits = withPerSecond(
    partneroProgramLimits,
    options.partneroPerSecond === undefined ? {} : { request: options.partneroPerSecond },
  );
  const attio = new ProviderBudget(store, {
    provider: 'attio',
    limits: attioLimits,
    claimAlongside: options.attioAlongside,
    now: options.now,
  });
  const partnero = new ProviderBudget(store, { provider: 'partnero', limits: partneroLimits, now: options.now });
  return {
    attioBeforeRequest: (workspaceId) => (kind) => attio.spend(workspaceId, kind),
    partneroBeforeRequest: (programId) => () => partnero.spend(programId, 'request'),
    limits: { attio: attioLimits, partnero: partneroLimits },
  };
}
