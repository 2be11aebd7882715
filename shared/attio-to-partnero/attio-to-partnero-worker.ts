import { ClaimRepository } from '../commissions/claim-repository';
import { AttioSchemaCache } from '../attio/attio-schema-cache';
import type { SyncWorkerProcessing } from '../queue/sync-worker-handler';
import type { SyncWorkerParts } from '../queue/sync-worker-parts';
import { attioReadPortOf } from './attio-read-port';
import { ObjectSlugCache } from '../attio/object-slug-cache';
import { processAttioMessage, type AttioMessageDependencies } from './process-attio-message';
import { AttioEventBatch } from './record-batch';

/**
 * The Attio -> Partnero worker's processing (its handler: `functions/attio-to-partnero-worker/`),
 * built once per container: schemas and object slugs are cached (they change rarely), claims and
 * links are read fresh at every event; the events of one batch share an `AttioEventBatch`.
 */
export function attioToPartneroWorker(parts: SyncWorkerParts): SyncWorkerProcessing<AttioEventBatch> {
  const dependencies: AttioMessageDependencies = {
    ...parts.syncDependencies(attioReadPortOf, (partnero) => partnero),
    links: parts.links,
    claims: new ClaimRepository(parts.table),
    schemas: new AttioSchemaCache(),
    objectSlugs: new ObjectSlugCache(),
  };
  return {
    startBatch: (messages) => new AttioEventBatch(messages),
    processMessage: (message, batch) => processAttioMessage(message, batch, dependencies),
  };
}
