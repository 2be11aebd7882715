import type { ProgramContextLoader } from '../programs/program-context';
import type { AuditLog } from '../sync/audit-log';
import type { QueueMessage } from '../queue/send-queue-messages';
import type { BackfillKindItem } from './backfill-records';
import type { BackfillStore } from './backfill-store';
import type { PartneroPageReader } from './partnero-pages';
import { partneroRecordMessage } from './record-messages';

export interface BackfillRunnerOptions {
  /** Records per Partnero page (1–250). */
  readonly pageSize: number;
  /**
   * Listed but not yet processed records a program may have on the queue. Paging pauses above it
   * until the worker catches up, so a large backfill never floods the queue ahead of live events
   * and its provider calls stay at the worker's pace (and within the providers' rate limits).
   */
  readonly maxOutstanding: number;
  /** How long one runner holds a program's paging; a crashed runner's lease simply expires. */
  readonly leaseMs: number;
  /** This runner, for the lease. */
  readonly owner: string;
}

export const defaultBackfillRunnerOptions: Omit<BackfillRunnerOptions, 'owner'> = {
  pageSize: 100,
  maxOutstanding: 500,
  leaseMs: 5 * 60_000,
};

export interface BackfillRunnerDependencies {
  readonly store: BackfillStore;
  readonly programs: Pick<ProgramContextLoader, 'load'>;
  readonly pagesFor: (partneroApiKey: string) => PartneroPageReader;
  /** Puts messages on the Partnero -> Attio queue. */
  readonly send: (messages: QueueMessage[]) => Promise<void>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly options: BackfillRunnerOptions;
  readonly now?: () => Date;
  /** Called between sending a page and its checkpoint: where a crash is worst, so tests crash here. */
  readonly afterPageSent?: (programId: string, item: BackfillKindItem) => Promise<void>;
}

export type ProgramPass =
  | {
      readonly programId: string;
      readonly outcome: 'listed' | 'paused' | 'out-of-time';
      readonly pages: number;
      readonly enqueued: number;
    }
  | {
      readonly programId: string;
      readonly outcome: 'busy' | 'not-connected' | 'gone';
      readonly pages: 0;
      readonly enqueued: 0;
    }
  /** Partnero refused or failed (a revoked key, an outage, throttling): the next pass resumes from the checkpoint. */
  | {
      readonly programId: string;
      readonly outcome: 'failed';
      readonly pages: 0;
      readonly enqueued: 0;
      readonly reason: string;
    };

/**
 * One pass of the backfill runner (a scheduled function): every program with a run still paging
 * Partnero gets its kinds listed from their checkpoints, each page enqueued as one message per
 * record and then checkpointed, until the run is listed, the worker lags too far behind, or the
 * time is up. A runner that dies anywhere leaves a checkpoint at the last page it completed; the
 * next pass lists that page again and sends the same messages, which SQS (within 5 minutes) or
 * the worker finds already applied (its link, version or claim), so nothing is synced twice.
 */
export async function runBackfills(deps: BackfillRunnerDependencies, deadline: number): Promise<ProgramPass[]> {
  const passes: ProgramPass[] = [];
  for (const programId of await deps.store.activePrograms()) {
    if (Date.now() >= deadline) break;
    try {
      passes.push(await backfillProgram(deps, programId, deadline));
    } catch (error) {
      // One program's failure must not hold up the others' backfills.
      passes.push({
        programId,
        outcome: 'failed',
        pages: 0,
        enqueued: 0,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
  return passes;
}

async function backfillProgram(
  deps: BackfillRunnerDependencies,
  programId: string,
  deadline: number,
): Promise<ProgramPass> {
  const now = deps.now ?? (() => new Date());
  const idle = (outcome: 'busy' | 'not-connected' | 'gone'): ProgramPass => ({
    programId,
    outcome,
    pages: 0,
    enqueued: 0,
  });
  const context = await deps.programs.load(programId);
  const run = await deps.store.readRun(programId);
  if (!context || !run) {
    await deps.store.forgetActive(programId);
    return idle('gone');
  }
  // The worker needs Attio to apply anything: a run requested before connecting waits for it.
  if (!context.attioConnection) return idle('not-connected');
  if (!(await deps.store.acquireLease(programId, deps.options.owner, deps.options.leaseMs, now()))) return idle('busy');

  let pages = 0;
  let enqueued = 0;
  try {
    await deps.store.markStarted(programId, run.runId, now());
    const reader = deps.pagesFor(await context.partneroApiKey());
    for (let item of await deps.store.readKinds(programId, run.runId)) {
      while (!item.listingComplete) {
        if (Date.now() >= deadline) return { programId, outcome: 'out-of-time', pages, enqueued };
        if (item.total - item.done >= deps.options.maxOutstanding)
          return { programId, outcome: 'paused', pages, enqueued };
        const page = await reader.page(item.kind, item.nextPage, deps.options.pageSize);
        const at = now();
        await deps.send(
          page.records.map((listed) =>
            partneroRecordMessage(programId, listed, { source: 'backfill', runId: run.runId }, at),
          ),
        );
        await deps.afterPageSent?.(programId, item);
        item = await deps.store.checkpoint(item, page.records.length, !page.hasMore || page.records.length === 0, at);
        pages += 1;
        enqueued += page.records.length;
      }
    }
    await deps.store.markListed(programId, run.runId, now());
    await deps.audit.record({
      programId,
      direction: 'backfill',
      sourceEvent: 'backfill.listed',
      sourceRecord: `backfill:${run.runId}`,
      targetRecord: null,
      outcome: 'applied',
      reason: `every ${run.kinds.join(', ')} record in Partnero is on its way to Attio`,
    });
    return { programId, outcome: 'listed', pages, enqueued };
  } finally {
    await deps.store.releaseLease(programId, deps.options.owner);
  }
}
