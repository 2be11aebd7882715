import { countBackfillProgress } from '../backfill/backfill-progress-counter';
import { BackfillStore } from '../backfill/backfill-store';
import { logger } from '../observability/powertools';
import type { SyncWorkerProcessing } from '../queue/sync-worker-handler';
import type { SyncWorkerParts } from '../queue/sync-worker-parts';
import { PartneroToAttioSync } from './apply-partnero-event';
import { attioRecordsOf } from '../attio/attio-records';
import { AttioSchemaCache } from '../attio/attio-schema-cache';
import type { WriteObservers } from './own-actor-writes';
import { partneroRecordsOf } from './partnero-records';
import {
  describePartneroMessage,
  processPartneroMessage,
  type PartneroMessageDependencies,
} from './process-partnero-message';

/**
 * The Partnero -> Attio worker's processing (its handler: `functions/partnero-to-attio-worker/`),
 * built once per container: each message through the sync, and a backfill's message counted
 * towards its run's progress. `ownActor` is shown each Attio write (own-actor learning, which
 * the handler builds: it lives in `shared/connect/`, which this folder does not import).
 */
export function partneroToAttioWorker(
  parts: SyncWorkerParts,
  ownActor: WriteObservers,
): SyncWorkerProcessing<undefined> {
  const backfills = new BackfillStore(parts.table);
  const dependencies: PartneroMessageDependencies = {
    ...parts.syncDependencies(attioRecordsOf, partneroRecordsOf),
    sync: new PartneroToAttioSync({ links: parts.links, schemas: new AttioSchemaCache() }),
    ownActor,
  };
  const uncounted = (error: unknown) => logger.warn('backfill progress not counted', { reason: String(error) });
  return {
    startBatch: () => undefined,
    processMessage: async (message) =>
      countBackfillProgress(backfills, message, await processPartneroMessage(message, dependencies), uncounted),
    describeMessage: describePartneroMessage,
  };
}
