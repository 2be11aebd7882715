import type { AttioClient } from '../attio/attio-client';
import { ProviderHttpError } from '../errors';
import { attioRecordsOf } from '../attio/attio-records';
import type { AttioReadPort } from './ports';

/**
 * This direction's Attio reads over the typed client. Attributes and statuses are read exactly
 * as the other direction reads them, so the echo hash of a record is computed from the same
 * schema on both sides.
 */
export function attioReadPortOf(client: AttioClient): AttioReadPort {
  const schema = attioRecordsOf(client);
  return {
    listAttributes: (object) => schema.listAttributes(object),
    listStatuses: (object, attribute) => schema.listStatuses(object, attribute),
    getRecord: (object, recordId) => client.records.get(object, recordId),
    async objectSlug(objectId) {
      try {
        return (await client.objects.get(objectId)).api_slug ?? undefined;
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}
