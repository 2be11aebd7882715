import * as z from 'zod';
import { ProviderHttpError } from '../errors';
import { createAttioHttp, type AttioHttpOptions } from './attio-http';
import {
  attioAttributeSchema,
  attioObjectSchema,
  attioRecordSchema,
  attioSelectOptionSchema,
  attioSelfSchema,
  attioStatusSchema,
  attioWebhookSchema,
  attioWorkspaceMemberSchema,
  dataEnvelope,
  type AttioAttribute,
  type AttioRecord,
  type AttioWebhookSubscription,
} from './schemas';

/** Values as written: `{ slug: value | value[] }` in any of the write forms Attio accepts. */
export type AttioWriteValues = Record<string, unknown>;

export interface RecordQuery {
  readonly filter?: Record<string, unknown>;
  readonly sorts?: readonly Record<string, unknown>[];
  readonly limit?: number;
  readonly offset?: number;
}

export interface NewAttribute {
  readonly title: string;
  readonly api_slug: string;
  readonly type: string;
  readonly description?: string | null;
  readonly is_required?: boolean;
  readonly is_unique?: boolean;
  readonly is_multiselect?: boolean;
  readonly config?: Record<string, unknown>;
}

const emptySchema = z.object({}).loose();

/**
 * Attio's document types every written attribute as an array of values (`additionalProperties:
 * {type: array}`); the API also takes a bare value, but the array is the form it promises to
 * keep accepting. One value becomes a one-item array, null (clear) an empty one.
 */
function asValueArrays(values: AttioWriteValues): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(values).map(([slug, value]) => [
      slug,
      Array.isArray(value) ? value : value === null || value === undefined ? [] : [value],
    ]),
  );
}
const enc = encodeURIComponent;

/** The typed Attio REST client the sync and the settings use; every response is parsed with zod. */
export function createAttioClient(options: AttioHttpOptions) {
  const http = createAttioHttp(options);

  const records = {
    async query(object: string, query: RecordQuery = {}): Promise<AttioRecord[]> {
      const body = await http(
        'POST',
        `/v2/objects/${enc(object)}/records/query`,
        dataEnvelope(z.array(attioRecordSchema)),
        query,
      );
      return body.data;
    },
    /** Every record matching the filter, paging by offset until a page is shorter than the limit. */
    async *queryAll(object: string, query: Omit<RecordQuery, 'offset'> = {}): AsyncGenerator<AttioRecord> {
      const limit = query.limit ?? 500;
      for (let offset = 0; ; offset += limit) {
        const page = await records.query(object, { ...query, limit, offset });
        yield* page;
        if (page.length < limit) return;
      }
    },
    /** The record, or undefined when Attio answers 404 (deleted, merged away). */
    async get(object: string, recordId: string): Promise<AttioRecord | undefined> {
      try {
        return (
          await http('GET', `/v2/objects/${enc(object)}/records/${enc(recordId)}`, dataEnvelope(attioRecordSchema))
        ).data;
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return undefined;
        throw error;
      }
    },
    async create(object: string, values: AttioWriteValues): Promise<AttioRecord> {
      return (
        await http('POST', `/v2/objects/${enc(object)}/records`, dataEnvelope(attioRecordSchema), {
          data: { values: asValueArrays(values) },
        })
      ).data;
    },
    /** Assert: update the record whose unique `matchingAttribute` equals the given value, or create it. */
    async assert(object: string, matchingAttribute: string, values: AttioWriteValues): Promise<AttioRecord> {
      const path = `/v2/objects/${enc(object)}/records?matching_attribute=${enc(matchingAttribute)}`;
      return (await http('PUT', path, dataEnvelope(attioRecordSchema), { data: { values: asValueArrays(values) } }))
        .data;
    },
    /** `append` (PATCH) adds multiselect values; `overwrite` (PUT) replaces them. */
    async update(
      object: string,
      recordId: string,
      values: AttioWriteValues,
      mode: 'append' | 'overwrite' = 'append',
    ): Promise<AttioRecord> {
      const path = `/v2/objects/${enc(object)}/records/${enc(recordId)}`;
      return (
        await http(mode === 'append' ? 'PATCH' : 'PUT', path, dataEnvelope(attioRecordSchema), {
          data: { values: asValueArrays(values) },
        })
      ).data;
    },
    async delete(object: string, recordId: string): Promise<void> {
      await http('DELETE', `/v2/objects/${enc(object)}/records/${enc(recordId)}`, emptySchema);
    },
  };

  const objects = {
    async list() {
      return (await http('GET', '/v2/objects', dataEnvelope(z.array(attioObjectSchema)))).data;
    },
    async get(object: string) {
      return (await http('GET', `/v2/objects/${enc(object)}`, dataEnvelope(attioObjectSchema))).data;
    },
  };

  const attributes = {
    async list(object: string): Promise<AttioAttribute[]> {
      return (await http('GET', `/v2/objects/${enc(object)}/attributes`, dataEnvelope(z.array(attioAttributeSchema))))
        .data;
    },
    async get(object: string, attribute: string): Promise<AttioAttribute | undefined> {
      try {
        return (
          await http(
            'GET',
            `/v2/objects/${enc(object)}/attributes/${enc(attribute)}`,
            dataEnvelope(attioAttributeSchema),
          )
        ).data;
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return undefined;
        throw error;
      }
    },
    async create(object: string, attribute: NewAttribute): Promise<AttioAttribute> {
      const data = {
        description: null,
        is_required: false,
        is_unique: false,
        is_multiselect: false,
        config: {},
        ...attribute,
      };
      return (await http('POST', `/v2/objects/${enc(object)}/attributes`, dataEnvelope(attioAttributeSchema), { data }))
        .data;
    },
    /** Creates the attribute unless it exists: idempotent, so connecting twice changes nothing. */
    async ensure(object: string, attribute: NewAttribute): Promise<AttioAttribute> {
      const existing = await attributes.get(object, attribute.api_slug);
      if (existing) return existing;
      try {
        return await attributes.create(object, attribute);
      } catch (error) {
        // Someone created it between our read and our write.
        if (error instanceof ProviderHttpError && error.status === 409) {
          const created = await attributes.get(object, attribute.api_slug);
          if (created) return created;
        }
        throw error;
      }
    },
    async statuses(object: string, attribute: string) {
      return (
        await http(
          'GET',
          `/v2/objects/${enc(object)}/attributes/${enc(attribute)}/statuses`,
          dataEnvelope(z.array(attioStatusSchema)),
        )
      ).data;
    },
    async selectOptions(object: string, attribute: string) {
      return (
        await http(
          'GET',
          `/v2/objects/${enc(object)}/attributes/${enc(attribute)}/options`,
          dataEnvelope(z.array(attioSelectOptionSchema)),
        )
      ).data;
    },
    async createSelectOption(object: string, attribute: string, title: string) {
      return (
        await http(
          'POST',
          `/v2/objects/${enc(object)}/attributes/${enc(attribute)}/options`,
          dataEnvelope(attioSelectOptionSchema),
          { data: { title } },
        )
      ).data;
    },
  };

  const webhooks = {
    async create(targetUrl: string, subscriptions: readonly AttioWebhookSubscription[]) {
      const data = { target_url: targetUrl, subscriptions };
      const created = (
        await http('POST', '/v2/webhooks', dataEnvelope(attioWebhookSchema.extend({ secret: z.string() })), { data })
      ).data;
      return created;
    },
    async list() {
      return (await http('GET', '/v2/webhooks?limit=100', dataEnvelope(z.array(attioWebhookSchema)))).data;
    },
    async get(webhookId: string) {
      try {
        return (await http('GET', `/v2/webhooks/${enc(webhookId)}`, dataEnvelope(attioWebhookSchema))).data;
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return undefined;
        throw error;
      }
    },
    async update(
      webhookId: string,
      changes: { target_url?: string; subscriptions?: readonly AttioWebhookSubscription[] },
    ) {
      return (
        await http('PATCH', `/v2/webhooks/${enc(webhookId)}`, dataEnvelope(attioWebhookSchema), { data: changes })
      ).data;
    },
    /** Deletes the webhook; one that is already gone counts as deleted. */
    async delete(webhookId: string): Promise<void> {
      try {
        await http('DELETE', `/v2/webhooks/${enc(webhookId)}`, emptySchema);
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return;
        throw error;
      }
    },
  };

  return {
    records,
    objects,
    attributes,
    webhooks,
    async self() {
      return http('GET', '/v2/self', attioSelfSchema);
    },
    async workspaceMembers() {
      return (await http('GET', '/v2/workspace_members', dataEnvelope(z.array(attioWorkspaceMemberSchema)))).data;
    },
  };
}

export type AttioClient = ReturnType<typeof createAttioClient>;
