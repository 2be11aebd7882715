import type { SyncTable } from '../store/sync-table';
import type { BackfillKind, BackfillKindState, BackfillTrigger } from './backfill-records';
import { BackfillStore } from './backfill-store';

export interface BackfillKindProgress {
  readonly kind: BackfillKind;
  readonly state: BackfillKindState;
  /** Records the worker processed (applied, matched, unchanged or refused). */
  readonly done: number;
  /** Records listed in Partnero so far; final once `totalKnown`. */
  readonly total: number;
  readonly totalKnown: boolean;
  /** Of `done`, those the worker refused; the sync history says why. */
  readonly rejected: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface BackfillProgress {
  readonly programId: string;
  readonly runId: string;
  readonly trigger: BackfillTrigger;
  /** `pending` until the runner lists the first page; `done` when every kind is. */
  readonly state: 'pending' | 'running' | 'done';
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly kinds: readonly BackfillKindProgress[];
}

/**
 * The program's latest backfill for the settings status panel, or null when it never had one.
 * A record that ended in the dead-letter queue is never `done`: its kind stays `syncing`, and
 * the panel's dead-letter count shows why.
 */
export async function readBackfillProgress(table: SyncTable, programId: string): Promise<BackfillProgress | null> {
  const store = new BackfillStore(table);
  const run = await store.readRun(programId);
  if (!run) return null;
  const kinds: BackfillKindProgress[] = (await store.readKinds(programId, run.runId)).map((item) => ({
    kind: item.kind,
    state: item.state,
    // A message received again after it was processed counts twice; never show more than listed.
    done: item.listingComplete ? Math.min(item.done, item.total) : item.done,
    total: item.total,
    totalKnown: item.listingComplete,
    rejected: item.rejected,
    startedAt: item.startedAt,
    finishedAt: item.finishedAt,
  }));
  const finished = kinds.every((kind) => kind.state === 'done');
  const finishedAt = finished
    ? (kinds
        .map((kind) => kind.finishedAt ?? run.requestedAt)
        .sort()
        .at(-1) ??
      run.listedAt ??
      run.requestedAt)
    : null;
  return {
    programId,
    runId: run.runId,
    trigger: run.trigger,
    state: finished ? 'done' : run.startedAt ? 'running' : 'pending',
    requestedAt: run.requestedAt,
    startedAt: run.startedAt,
    finishedAt,
    kinds,
  };
}
