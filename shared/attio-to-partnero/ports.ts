import type { PartneroClient } from '../partnero/partnero-client';
import type { AttioSchemaReader } from '../attio/attio-schema-cache';
import type { AttioRecord } from './attio-record';

/** The Attio reads this direction makes for one workspace (one access token). It never writes to Attio. */
export interface AttioReadPort extends AttioSchemaReader {
  /** `GET /v2/objects/{object}/records/{id}`; undefined when the record is gone (deleted, or merged away). */
  getRecord(object: string, recordId: string): Promise<AttioRecord | undefined>;
  /** The api slug of an object id (events name objects by id); undefined for an unknown object. */
  objectSlug(objectId: string): Promise<string | undefined>;
}

/** The Partnero calls this direction makes for one program (one API key): the typed client's own methods. */
export interface PartneroPort {
  readonly transactions: Pick<
    PartneroClient['transactions'],
    'create' | 'findByKey' | 'delete' | 'archive' | 'restore'
  >;
  readonly customers: Pick<PartneroClient['customers'], 'find' | 'searchByEmail' | 'update' | 'create'>;
}
