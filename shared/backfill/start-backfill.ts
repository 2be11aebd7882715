import type { ProgramSettings } from '../programs/program-settings';
import type { AuditLog } from '../sync/audit-log';
import { backfillKinds, type BackfillKind, type BackfillTrigger } from './backfill-records';
import type { BackfillStore, StartedBackfill } from './backfill-store';

/** Kinds the program syncs at all: a backfill of a kind whose sync is off would only be skipped record by record. */
export function syncedKinds(settings: ProgramSettings): BackfillKind[] {
  return backfillKinds.filter((kind) =>
    kind === 'partner'
      ? settings.partners.enabled
      : kind === 'customer'
        ? settings.customers.enabled
        : settings.deals.enabled,
  );
}

/** What a program backfills when its sync starts: the kinds it syncs and asked to backfill. */
export function kindsToBackfillAtSyncStart(settings: ProgramSettings): BackfillKind[] {
  const { onConnect } = settings.backfill;
  const asked: Record<BackfillKind, boolean> = {
    partner: onConnect.partners,
    customer: onConnect.customers,
    transaction: onConnect.transactions,
  };
  return syncedKinds(settings).filter((kind) => asked[kind]);
}

export interface StartBackfillDependencies {
  readonly store: BackfillStore;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly now?: () => Date;
}

/**
 * Asks for a backfill; the scheduled runner does the paging. A run still paging is not started
 * again (the answer names it), so a double click or a reconnect during a backfill costs nothing.
 */
export async function startBackfill(
  deps: StartBackfillDependencies,
  programId: string,
  kinds: readonly BackfillKind[],
  trigger: BackfillTrigger,
): Promise<StartedBackfill> {
  const started = await deps.store.start(programId, kinds, trigger, (deps.now ?? (() => new Date()))());
  if (started.started) {
    await deps.audit.record({
      programId,
      direction: 'backfill',
      sourceEvent: 'backfill.requested',
      sourceRecord: `backfill:${started.run.runId}`,
      targetRecord: null,
      outcome: kinds.length > 0 ? 'applied' : 'skipped-by-settings',
      reason:
        kinds.length > 0
          ? `existing ${kinds.join(', ')} records will be synced to Attio (${trigger})`
          : `nothing to backfill: no kind of record is both synced and chosen (${trigger})`,
    });
  }
  return started;
}

/**
 * The backfill a program gets when its first Save starts the sync (see
 * `kindsToBackfillAtSyncStart`); none when it chose nothing. Never fails the Save it follows:
 * the settings page can start one on demand.
 */
export async function startBackfillAtSyncStart(
  deps: StartBackfillDependencies,
  programId: string,
  settings: ProgramSettings,
): Promise<StartedBackfill | undefined> {
  const kinds = kindsToBackfillAtSyncStart(settings);
  if (kinds.length === 0) return undefined;
  try {
    return await startBackfill(deps, programId, kinds, 'sync-start');
  } catch {
    return undefined;
  }
}
