import * as z from 'zod';
import { ProgramNotFoundError } from '../errors';
import type { ProgramRepository } from '../programs/program-repository';
import type { SyncTable } from '../store/sync-table';
import type { AuditLog } from '../sync/audit-log';
import { readBackfillProgress, type BackfillProgress } from './backfill-progress';
import { backfillKinds, type BackfillKind, type BackfillTrigger } from './backfill-records';
import { BackfillStore } from './backfill-store';
import { startBackfill, syncedKinds } from './start-backfill';

/** `{kinds?}`: the kinds to backfill; by default every kind the program syncs. */
export const backfillRequestSchema = z.strictObject({ kinds: z.array(z.enum(backfillKinds)).min(1).optional() });
export type BackfillRequest = z.infer<typeof backfillRequestSchema>;

export interface BackfillRequestDependencies {
  readonly table: SyncTable;
  readonly programs: Pick<ProgramRepository, 'getRegistration' | 'getSettings'>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly now?: () => Date;
}

export interface RequestedBackfill {
  /** False when a run was still paging: that run goes on and is what `progress` shows. */
  readonly started: boolean;
  /** Kinds asked for that the program does not sync, left out. */
  readonly skippedKinds: BackfillKind[];
  readonly progress: BackfillProgress | null;
}

/** The on-demand backfill behind the admin and settings routes. */
export async function requestBackfill(
  deps: BackfillRequestDependencies,
  programId: string,
  request: BackfillRequest,
  trigger: Exclude<BackfillTrigger, 'connect' | 'sync-start'>,
): Promise<RequestedBackfill> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const synced = syncedKinds((await deps.programs.getSettings(programId)).settings);
  const asked = request.kinds ?? synced;
  const kinds = asked.filter((kind) => synced.includes(kind));
  const started = await startBackfill(
    { store: new BackfillStore(deps.table), audit: deps.audit, now: deps.now },
    programId,
    kinds,
    trigger,
  );
  return {
    started: started.started,
    skippedKinds: asked.filter((kind) => !synced.includes(kind)),
    progress: await readBackfillProgress(deps.table, programId),
  };
}

export async function backfillProgressOf(
  deps: Pick<BackfillRequestDependencies, 'table' | 'programs'>,
  programId: string,
): Promise<BackfillProgress | null> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  return readBackfillProgress(deps.table, programId);
}
