import type { ProcessedEvent } from '../queue/queue-worker';
import type { SyncMessage } from '../queue/sync-message';
import type { BackfillStore } from './backfill-store';
import { syncOriginOf } from './record-messages';

/**
 * Counts a backfill message the worker processed towards its run's progress, and passes the
 * result through. A message received again after its processing (a worker killed before the
 * delete) is counted again; the progress shown never exceeds what was listed (see
 * `backfill-progress.ts`). Counting is best effort: a failure here must not fail a sync
 * that already happened, so it is reported and swallowed.
 */
export async function countBackfillProgress(
  store: BackfillStore,
  message: SyncMessage,
  processed: ProcessedEvent,
  onError: (error: unknown) => void = () => undefined,
): Promise<ProcessedEvent> {
  const origin = syncOriginOf(message);
  if (origin?.source !== 'backfill') return processed;
  try {
    await store.noteProcessed(message.programId, origin.kind, origin.runId, processed.outcome === 'rejected');
  } catch (error) {
    onError(error);
  }
  return processed;
}
