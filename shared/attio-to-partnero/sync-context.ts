import type { ClaimStore } from '../commissions/claim-repository';
import type { AttioSchemaCache } from '../attio/attio-schema-cache';
import { fingerprintOfAttioRecord } from '../attio/record-fingerprint';
import { syncedAttributeSlugs } from '../attio/synced-attributes';
import type { ProgramSettings } from '../programs/program-settings';
import type { LinkRepository, RecordLink } from '../sync/link-repository';
import type { AttioRecord } from './attio-record';
import { holdsOnlyOurWrite } from './echo';
import type { AttioReadPort, PartneroPort } from './ports';
import type { AttioEventBatch } from './record-batch';

export type LinkStore = Pick<LinkRepository, 'findByAttioRecordId' | 'linksOfAttioRecord' | 'findByPartneroId' | 'save' | 'moveToAttioRecord'>;
export type { ClaimStore };

/** Everything the rules of one Attio event share. */
export interface AttioSyncContext {
  readonly programId: string;
  readonly workspaceId: string;
  readonly settings: ProgramSettings;
  readonly attio: AttioReadPort;
  readonly partnero: PartneroPort;
  readonly links: LinkStore;
  readonly claims: ClaimStore;
  readonly schemas: AttioSchemaCache;
  readonly batch: AttioEventBatch;
  readonly now: () => Date;
}

/** The record as Attio holds it now, fetched once per batch. */
export function fetchRecord(context: AttioSyncContext, object: string, recordId: string): Promise<AttioRecord | undefined> {
  return context.batch.record(context.programId, recordId, () => context.attio.getRecord(object, recordId));
}

/**
 * The hash echo check: does the record still hold exactly what the other direction last wrote?
 * Computed with the other direction's own fingerprint over the attributes it syncs, so both
 * sides hash the same values the same way.
 */
export async function holdsOnlyLinkedWrite(context: AttioSyncContext, object: string, record: AttioRecord | undefined, link: RecordLink | undefined): Promise<boolean> {
  if (!record || !link?.attioWrittenHash) return false;
  const schema = await context.schemas.objectSchema(context.workspaceId, object, context.attio);
  return holdsOnlyOurWrite(link, fingerprintOfAttioRecord(record.values, schema, syncedAttributeSlugs(link.kind, context.settings)));
}
