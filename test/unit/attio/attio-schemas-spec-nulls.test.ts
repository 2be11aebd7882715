import * as z from 'zod';
import {
  attioAttributeSchema,
  attioErrorBodySchema,
  attioObjectSchema,
  attioRecordSchema,
  attioSelectOptionSchema,
  attioSelfSchema,
  attioStatusSchema,
  attioWebhookSchema,
  attioWorkspaceMemberSchema,
  currentValue,
  dataEnvelope,
  emailAddresses,
  identifiedActor,
  referencedRecordIds,
  statusId,
  textValue,
  type AttioRecord,
} from '../../../shared/attio';
import { isOwnWrite } from '../../../shared/sync/echo-suppression';
import { toAttributeSummary } from '../../../shared/settings/attio-catalog';
import { AttioOpenApi } from '../../integration/contract/attio-openapi';
import { SpecInstances, type NullPolicy } from '../../integration/contract/spec-instances';

/**
 * The service's zod schemas for Attio responses against what Attio's OpenAPI document allows:
 * documents built from the document's own schemas and examples, once with every property and
 * once with only the required ones, both with null wherever a field is nullable. Each is first
 * checked against the document with ajv (so the test cannot feed something Attio would never
 * send), then must parse with the schema the client reads that answer with.
 */
const openApi = AttioOpenApi.load();
const instances = new SpecInstances(openApi.raw as Record<string, unknown>);
const emptySchema = z.object({}).loose();

/** Each read the client makes, with the schema `shared/attio/attio-client.ts` parses its 200 with. */
const reads: readonly [string, string, z.ZodType][] = [
  ['get', '/v2/self', attioSelfSchema],
  ['get', '/v2/workspace_members', dataEnvelope(z.array(attioWorkspaceMemberSchema))],
  ['get', '/v2/objects', dataEnvelope(z.array(attioObjectSchema))],
  ['post', '/v2/objects', dataEnvelope(attioObjectSchema)],
  ['get', '/v2/objects/{object}', dataEnvelope(attioObjectSchema)],
  ['get', '/v2/{target}/{identifier}/attributes', dataEnvelope(z.array(attioAttributeSchema))],
  ['post', '/v2/{target}/{identifier}/attributes', dataEnvelope(attioAttributeSchema)],
  ['get', '/v2/{target}/{identifier}/attributes/{attribute}', dataEnvelope(attioAttributeSchema)],
  ['get', '/v2/{target}/{identifier}/attributes/{attribute}/statuses', dataEnvelope(z.array(attioStatusSchema))],
  ['get', '/v2/{target}/{identifier}/attributes/{attribute}/options', dataEnvelope(z.array(attioSelectOptionSchema))],
  ['post', '/v2/{target}/{identifier}/attributes/{attribute}/options', dataEnvelope(attioSelectOptionSchema)],
  ['post', '/v2/objects/{object}/records/query', dataEnvelope(z.array(attioRecordSchema))],
  ['post', '/v2/objects/{object}/records', dataEnvelope(attioRecordSchema)],
  ['put', '/v2/objects/{object}/records', dataEnvelope(attioRecordSchema)],
  ['get', '/v2/objects/{object}/records/{record_id}', dataEnvelope(attioRecordSchema)],
  ['patch', '/v2/objects/{object}/records/{record_id}', dataEnvelope(attioRecordSchema)],
  ['put', '/v2/objects/{object}/records/{record_id}', dataEnvelope(attioRecordSchema)],
  ['delete', '/v2/objects/{object}/records/{record_id}', emptySchema],
  ['post', '/v2/webhooks', dataEnvelope(attioWebhookSchema.extend({ secret: z.string() }))],
  ['get', '/v2/webhooks', dataEnvelope(z.array(attioWebhookSchema))],
  ['get', '/v2/webhooks/{webhook_id}', dataEnvelope(attioWebhookSchema)],
  ['patch', '/v2/webhooks/{webhook_id}', dataEnvelope(attioWebhookSchema)],
  ['delete', '/v2/webhooks/{webhook_id}', emptySchema],
];

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const responsePointer = (method: string, template: string, status: string) =>
  `#/paths/${escape(template)}/${method}/responses/${status}/content/application~1json/schema`;

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}
function documentedStatuses(method: string, template: string): string[] {
  const paths = openApi.raw.paths as Record<string, Record<string, Operation>>;
  const operation = paths[template]?.[method];
  if (!operation) throw new Error(`${method} ${template} is not in the document`);
  return Object.entries(operation.responses)
    .filter(([, response]) => response.content?.['application/json'] !== undefined)
    .map(([status]) => status);
}

/** [label, pointer, policy, schema]: every documented answer of every read, both policies. */
const cases = reads.flatMap(([method, template, success]) =>
  documentedStatuses(method, template).flatMap((status) =>
    (['fullest', 'thinnest'] as NullPolicy[]).map(
      (policy) =>
        [
          `${method.toUpperCase()} ${template} ${status} (${policy})`,
          responsePointer(method, template, status),
          policy,
          status.startsWith('2') ? success : attioErrorBodySchema,
        ] as const,
    ),
  ),
);

function parseProblems(schema: z.ZodType, document: unknown): string[] {
  const parsed = schema.safeParse(document);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the Attio schemas read every document the OpenAPI allows, nulls included', () => {
  it.each(cases)('parses %s', (_label, pointer, policy, schema) => {
    // Prepare
    const documents = instances.instancesOf(instances.schemaAt(pointer), policy);

    // Act
    const verdicts = documents.map((document) => ({
      spec: openApi.problemsAt(pointer, document),
      parse: parseProblems(schema, document),
    }));

    // Assess
    for (const verdict of verdicts) expect(verdict).toEqual({ spec: [], parse: [] });
  });

  it('covers the answers that carry nulls: actors, object nouns, attribute configs, token expiry', () => {
    const pointer = responsePointer('get', '/v2/objects/{object}/records/{record_id}', '200');
    const record = instances.instancesOf(instances.schemaAt(pointer), 'fullest')[0] as {
      data: { values: Record<string, { created_by_actor: unknown }[]> };
    };
    const [self] = instances
      .instancesOf(instances.schemaAt(responsePointer('get', '/v2/self', '200')), 'fullest')
      .filter((branch) => (branch as { scope?: unknown }).scope !== undefined) as { exp: unknown }[];
    const object = (
      instances.instancesOf(
        instances.schemaAt(responsePointer('get', '/v2/objects/{object}', '200')),
        'fullest',
      )[0] as { data: Record<string, unknown> }
    ).data;
    const attribute = (
      instances.instancesOf(
        instances.schemaAt(responsePointer('get', '/v2/{target}/{identifier}/attributes/{attribute}', '200')),
        'fullest',
      )[0] as { data: Record<string, unknown> }
    ).data;

    expect(Object.values(record.data.values).flat()[0]?.created_by_actor).toEqual({ id: null, type: null });
    expect(self?.exp).toBeNull();
    expect(object).toMatchObject({ api_slug: null, singular_noun: null, plural_noun: null });
    expect(attribute).toMatchObject({
      description: null,
      relationship: null,
      config: {
        currency: { default_currency_code: null, display_type: null },
        record_reference: { allowed_object_ids: null },
      },
    });
  });
});

describe('what the sync reads survives the nulls the document allows', () => {
  const recordPointer = responsePointer('get', '/v2/objects/{object}/records/{record_id}', '200');
  const spec = (policy: NullPolicy) =>
    dataEnvelope(attioRecordSchema).parse(instances.instancesOf(instances.schemaAt(recordPointer), policy)[0]).data;

  it('reads values written by an actor with a null type and id, and never takes that actor for ours', () => {
    // Prepare
    const record: AttioRecord = spec('fullest');
    const value = currentValue(record, 'example_key');

    // Act
    const actor = identifiedActor(value?.created_by_actor);

    // Assess
    expect(value).toBeDefined();
    expect(actor).toBeUndefined();
    expect(isOwnWrite(value?.created_by_actor, { type: 'api-token', id: 'ours' })).toBe(false);
    expect(isOwnWrite({ type: null, id: 'ours' }, { type: 'api-token', id: 'ours' })).toBe(false);
    expect(isOwnWrite({ type: 'api-token' }, { type: 'api-token', id: 'ours' })).toBe(false);
    expect(isOwnWrite({ type: 'api-token', id: 'ours' }, { type: 'api-token', id: 'ours' })).toBe(true);
  });

  it.each(['fullest', 'thinnest'] as const)(
    'reads text, emails, statuses and references from the %s record without throwing',
    (policy) => {
      const record = spec(policy);
      expect(() => [
        textValue(record, 'example_key'),
        emailAddresses(record, 'example_key'),
        statusId(record, 'example_key'),
        referencedRecordIds(record, 'example_key'),
      ]).not.toThrow();
    },
  );

  it('summarises an attribute whose description and configs are null', () => {
    const pointer = responsePointer('get', '/v2/{target}/{identifier}/attributes/{attribute}', '200');
    const attribute = dataEnvelope(attioAttributeSchema).parse(
      instances.instancesOf(instances.schemaAt(pointer), 'fullest')[0],
    ).data;
    expect(toAttributeSummary(attribute)).toMatchObject({
      slug: attribute.api_slug,
      isWritable: attribute.is_writable,
    });
  });
});
