import { ProviderHttpError } from '../errors';
import type { AttioClient } from './attio-client';
import type { AttioAttribute, AttioRecord } from './schemas';
import type { AttioAttributeInfo } from './attio-schema';
import type { AttioSchemaReader } from './attio-schema-cache';
import { PEOPLE_OBJECT } from './object-slugs';

/** A record as Attio answered a write or a read: its id and its current values by slug. */
export interface AttioRecordSnapshot {
  readonly recordId: string;
  readonly values: Readonly<Record<string, readonly unknown[] | undefined>>;
}

/**
 * The Attio record calls of the sync for one workspace (one access token): the writes of the
 * Partnero -> Attio direction and the schema reads both directions share.
 */
export interface AttioRecordsPort extends AttioSchemaReader {
  /** `PUT /v2/objects/{object}/records?matching_attribute=…`: update the matching record or create it. */
  assertRecord(
    object: string,
    matchingAttribute: string,
    values: Readonly<Record<string, unknown>>,
  ): Promise<AttioRecordSnapshot>;
  /** `PATCH /v2/objects/{object}/records/{id}`; undefined when the record no longer exists. */
  updateRecord(
    object: string,
    recordId: string,
    values: Readonly<Record<string, unknown>>,
  ): Promise<AttioRecordSnapshot | undefined>;
  /** Records whose attribute holds the value (Attio's shorthand filter), at most two: one is the answer, two is ambiguous. */
  findRecordsByValue(object: string, slug: string, value: unknown): Promise<AttioRecordSnapshot[]>;
  /** Ids of the people holding this email address. */
  findPeopleByEmail(email: string): Promise<string[]>;
}

/** The Attio record calls over the typed client. */
export function attioRecordsOf(client: AttioClient): AttioRecordsPort {
  return {
    async listAttributes(object) {
      // An archived attribute cannot be written: treat it as missing.
      return (await client.attributes.list(object))
        .filter((attribute) => attribute.is_archived !== true)
        .map(attributeInfo);
    },
    async listStatuses(object, attribute) {
      return (await client.attributes.statuses(object, attribute)).map((status) => ({
        statusId: status.id.status_id,
        title: status.title,
        isArchived: status.is_archived === true,
      }));
    },
    async assertRecord(object, matchingAttribute, values) {
      return snapshotOf(await client.records.assert(object, matchingAttribute, { ...values }));
    },
    async updateRecord(object, recordId, values) {
      try {
        // PATCH: "the values supplied will be created and prepended to the list of values that
        // already exist" (OpenAPI, PATCH /v2/objects/{object}/records/{record_id}): an update
        // never removes an email or domain the sales team added.
        return snapshotOf(await client.records.update(object, recordId, { ...values }, 'append'));
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return undefined;
        throw error;
      }
    },
    async findRecordsByValue(object, slug, value) {
      return (await client.records.query(object, { filter: { [slug]: value }, limit: 2 })).map(snapshotOf);
    },
    async findPeopleByEmail(email) {
      const people = await client.records.query(PEOPLE_OBJECT, { filter: { email_addresses: email }, limit: 2 });
      return people.map((person) => person.id.record_id);
    },
  };
}

function attributeInfo(attribute: AttioAttribute): AttioAttributeInfo {
  return {
    slug: attribute.api_slug,
    type: attribute.type,
    isMultiselect: attribute.is_multiselect === true,
    isUnique: attribute.is_unique === true,
    currencyCode: attribute.config?.currency?.default_currency_code ?? null,
  };
}

function snapshotOf(record: AttioRecord): AttioRecordSnapshot {
  return { recordId: record.id.record_id, values: record.values };
}
