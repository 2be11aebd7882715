import type { ClaimStore } from '../commissions/claim-repository';
import type { AttioSchemaCache } from '../attio/attio-schema-cache';
import type { ProgramSettings } from '../programs/program-settings';
import { attioRecordIsOurEcho } from '../sync/echo-suppression';
import type { LinkRepository, RecordLink } from '../sync/link-repository';
import type { AttioRecord } from './attio-record';
import type { AttioReadPort, PartneroPort } from './ports';
import type { AttioEventBatch } from './record-batch';

export type LinkStore = Pick<
  LinkRepository,
  'findByAttioRecordId' | 'linksOfAttioRecord' | 'findByPartneroId' | 'save' | 'moveToAttioRecord'
>;
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
export function fetchRecord(
  context: AttioSyncContext,
  object: string,
  recordId: string,
): Promise<AttioRecord | undefined> {
  return context.batch.record(context.programId, recordId, () => context.attio.getRecord(object, recordId));
}

/** The value layer of echo suppression (`shared/sync/echo-suppression.ts`) for a re-fetched record; the schema is read only when there is a hash to compare. */
export async function holdsOnlyLinkedWrite(
  context: AttioSyncContext,
  object: string,
  record: AttioRecord | undefined,
  link: RecordLink | undefined,
): Promise<boolean> {
  if (!record || !link?.attioWrittenHash) return false;
  const schema = await context.schemas.objectSchema(context.workspaceId, object, context.attio);
  return attioRecordIsOurEcho(link, record.values, schema, context.settings);
}
