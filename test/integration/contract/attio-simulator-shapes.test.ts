import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { AttioOpenApi, type Exchange } from './attio-openapi';
import { conformance } from './conformance';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';
import { shapeProblems, SpecInstances } from './spec-instances';

/**
 * The simulator's own answers against Attio's OpenAPI document: the object list, every standard
 * object's attribute metadata, record shapes for a value of every attribute type it stores, and
 * the error bodies. Each exchange is validated with ajv (schemas, enums, formats, `nullable`), and
 * each answer must carry every property the document names, nullable ones as null, and no other.
 * The standard attributes are also held to the standard-objects docs: all system, writable
 * except the documented read-only ones, deal name/stage/owner required.
 */
const openApi = AttioOpenApi.load();
const instances = new SpecInstances(openApi.raw as Record<string, unknown>);

interface Attribute {
  api_slug: string;
  type: string;
  is_system_attribute: boolean;
  is_writable: boolean;
  is_required: boolean;
  description: unknown;
  config: {
    currency: { default_currency_code: unknown; display_type: unknown };
    record_reference: { allowed_object_ids: unknown };
  };
}

/** The document types every written attribute value as an array (`data.values.*`), so the writes here send arrays. */
const arrays = (values: Record<string, unknown>): Record<string, unknown[]> =>
  Object.fromEntries(Object.entries(values).map(([slug, value]) => [slug, Array.isArray(value) ? value : [value]]));

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Shape problems of each answer against the schema the document gives for its status, and how many answers had one. */
function shapeOf(exchanges: readonly Exchange[]): { problems: string[]; examined: number } {
  let examined = 0;
  const problems = exchanges.flatMap((exchange) => {
    const match = openApi.operation(exchange.method, exchange.target);
    if (!match || exchange.responseBody === '') return [];
    const pointer = `${match.pointer}/responses/${exchange.status}/content/application~1json/schema`;
    let schema: Record<string, unknown>;
    try {
      schema = instances.schemaAt(pointer);
    } catch {
      return []; // A status the document does not list here: conformance() judges it.
    }
    examined += 1;
    return shapeProblems(instances, JSON.parse(exchange.responseBody), schema).map(
      (problem) => `${match.key} ${exchange.status}: ${problem}`,
    );
  });
  return { problems, examined };
}

describe('the Attio simulator’s answers in the shapes of Attio’s OpenAPI document', () => {
  let simulator: AttioSimulator;
  let proxy: RecordingProxy;
  let token: string;

  beforeEach(async () => {
    simulator = await startAttioSimulator({ dealsEnabled: true, deliveries: { retryDelaysMs: [], timeoutMs: 500 } });
    proxy = await startRecordingProxy(simulator.url);
    token = simulator.control.issueToken().token;
  });
  afterEach(async () => {
    await proxy.stop();
    await simulator.stop();
  });

  async function api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    bearer: string | null = token,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${proxy.url}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T };
  }

  it('lists the objects and every standard attribute as the document and the standard-objects docs describe them', async () => {
    // Act
    const objects = (await api<{ data: { api_slug: string }[] }>('GET', '/v2/objects')).body.data;
    const attributes: Record<string, Attribute[]> = {};
    for (const { api_slug: object } of objects) {
      await api('GET', `/v2/objects/${object}`);
      attributes[object] = (await api<{ data: Attribute[] }>('GET', `/v2/objects/${object}/attributes`)).body.data;
      for (const attribute of attributes[object] ?? []) {
        await api('GET', `/v2/objects/${object}/attributes/${attribute.api_slug}`);
        if (attribute.type === 'status')
          await api('GET', `/v2/objects/${object}/attributes/${attribute.api_slug}/statuses`);
      }
    }

    // Assess: the document.
    const result = conformance(openApi, proxy.exchanges);
    expect(result.problems).toEqual([]);
    expect(shapeOf(proxy.exchanges)).toEqual({ problems: [], examined: proxy.exchanges.length });
    expect([...result.checked]).toEqual(
      expect.arrayContaining([
        'GET /v2/objects 200',
        'GET /v2/objects/{object} 200',
        'GET /v2/{target}/{identifier}/attributes 200',
        'GET /v2/{target}/{identifier}/attributes/{attribute} 200',
        'GET /v2/{target}/{identifier}/attributes/{attribute}/statuses 200',
      ]),
    );
    // Assess: the docs. Every standard attribute is a system attribute; is_writable alone says what can be written.
    expect(objects.map((object) => object.api_slug)).toEqual(['people', 'companies', 'deals']);
    const all = Object.values(attributes).flat();
    expect(all.every((attribute) => attribute.is_system_attribute)).toBe(true);
    const readOnly = (object: string) =>
      (attributes[object] ?? []).filter((attribute) => !attribute.is_writable).map((attribute) => attribute.api_slug);
    expect(readOnly('people')).toEqual(['record_id', 'created_at', 'created_by', 'avatar_url']);
    expect(readOnly('companies')).toEqual(['record_id', 'created_at', 'created_by']);
    expect(readOnly('deals')).toEqual(['record_id', 'created_at', 'created_by']);
    expect(all.filter((attribute) => attribute.is_required).map((attribute) => attribute.api_slug)).toEqual([
      'name',
      'stage',
      'owner',
    ]);
    expect((attributes.people ?? []).map((attribute) => attribute.api_slug)).toEqual(
      expect.arrayContaining([
        'name',
        'email_addresses',
        'company',
        'description',
        'job_title',
        'phone_numbers',
        'primary_location',
      ]),
    );
    expect((attributes.companies ?? []).map((attribute) => attribute.api_slug)).toEqual(
      expect.arrayContaining(['name', 'domains', 'description', 'team']),
    );
    // Assess: the nulls the document declares, where a field does not apply.
    for (const attribute of all) {
      expect(attribute.description).toBeNull();
      if (attribute.type !== 'currency')
        expect(attribute.config.currency).toEqual({ default_currency_code: null, display_type: null });
      if (attribute.type !== 'record-reference')
        expect(attribute.config.record_reference).toEqual({ allowed_object_ids: null });
    }
  });

  it('answers record creates, asserts, queries, gets and updates in the document’s record shape, with a value of every type', async () => {
    // Prepare: one custom attribute of each type the standard objects lack.
    const custom: [string, string, Record<string, unknown>][] = [
      ['tier', 'select', {}],
      ['is_partner', 'checkbox', {}],
      ['employees', 'number', {}],
      ['founded', 'date', {}],
      ['last_contacted', 'timestamp', {}],
      ['score', 'rating', {}],
      ['revenue', 'currency', { currency: { default_currency_code: 'EUR', display_type: 'code' } }],
    ];
    for (const [slug, type, config] of custom) {
      await api('POST', '/v2/objects/companies/attributes', {
        data: {
          title: slug,
          description: null,
          api_slug: slug,
          type,
          is_required: false,
          is_unique: false,
          is_multiselect: false,
          config,
        },
      });
    }
    await api('POST', '/v2/objects/companies/attributes/tier/options', { data: { title: 'Gold' } });
    const [member] = simulator.control.members();
    const location = {
      line_1: '1 Infinite Loop',
      line_2: null,
      line_3: null,
      line_4: null,
      locality: 'Cupertino',
      region: 'CA',
      postcode: '95014',
      country_code: 'US',
      latitude: '37.331741',
      longitude: '-122.030333',
    };

    // Act
    const company = await api<{ data: { id: { record_id: string } } }>('POST', '/v2/objects/companies/records', {
      data: {
        values: arrays({
          name: 'Acme',
          domains: ['acme.example'],
          primary_location: location,
          tier: 'Gold',
          is_partner: true,
          employees: 12,
          founded: '2001-02-03',
          last_contacted: '2023-01-02T13:00:00Z',
          score: 4,
          revenue: 1200.5,
        }),
      },
    });
    const person = await api<{ data: { id: { record_id: string } } }>(
      'PUT',
      '/v2/objects/people/records?matching_attribute=email_addresses',
      {
        data: {
          values: arrays({
            email_addresses: ['ada@acme.example'],
            name: [{ first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' }],
            phone_numbers: [{ original_phone_number: '+15558675309', country_code: 'US' }],
            job_title: 'CTO',
            company: { target_object: 'companies', target_record_id: company.body.data.id.record_id },
          }),
        },
      },
    );
    const deal = await api<{ data: { id: { record_id: string } } }>('POST', '/v2/objects/deals/records', {
      data: {
        values: arrays({
          name: 'Big one',
          stage: 'In Progress',
          owner: member?.email_address,
          value: 4200,
          associated_people: [{ target_object: 'people', email_addresses: [{ email_address: 'ada@acme.example' }] }],
          associated_company: { target_object: 'companies', domains: [{ domain: 'acme.example' }] },
        }),
      },
    });
    await api('PATCH', `/v2/objects/people/records/${person.body.data.id.record_id}`, {
      data: { values: arrays({ email_addresses: ['ada@lovelace.example'], description: 'Met at an event' }) },
    });
    await api('PUT', `/v2/objects/deals/records/${deal.body.data.id.record_id}`, {
      data: { values: arrays({ stage: 'Won 🎉' }) },
    });
    await api('PUT', '/v2/objects/people/records?matching_attribute=email_addresses', {
      data: { values: arrays({ email_addresses: ['ada@acme.example'], job_title: 'CEO' }) },
    });
    for (const object of ['people', 'companies', 'deals'])
      await api('POST', `/v2/objects/${object}/records/query`, { limit: 10 });
    await api('GET', `/v2/objects/companies/records/${company.body.data.id.record_id}`);
    await api('GET', `/v2/objects/deals/records/${deal.body.data.id.record_id}`);

    // Assess
    expect([company.status, person.status, deal.status]).toEqual([200, 200, 200]);
    const result = conformance(openApi, proxy.exchanges);
    expect(result.problems).toEqual([]);
    expect(shapeOf(proxy.exchanges)).toEqual({ problems: [], examined: proxy.exchanges.length });
    expect([...result.checked]).toEqual(
      expect.arrayContaining([
        'POST /v2/objects/{object}/records 200',
        'PUT /v2/objects/{object}/records 200',
        'PATCH /v2/objects/{object}/records/{record_id} 200',
        'PUT /v2/objects/{object}/records/{record_id} 200',
        'POST /v2/objects/{object}/records/query 200',
        'GET /v2/objects/{object}/records/{record_id} 200',
      ]),
    );
    const types = new Set(
      proxy.exchanges
        .filter((exchange) => exchange.target.includes('/records'))
        .flatMap((exchange) =>
          Object.values(
            (JSON.parse(exchange.responseBody) as { data?: { values?: Record<string, { attribute_type: string }[]> } })
              .data?.values ?? {},
          ).flat(),
        )
        .map((value) => value.attribute_type),
    );
    expect([...types].sort()).toEqual([
      'actor-reference',
      'checkbox',
      'currency',
      'date',
      'domain',
      'email-address',
      'location',
      'number',
      'personal-name',
      'phone-number',
      'rating',
      'record-reference',
      'select',
      'status',
      'text',
      'timestamp',
    ]);
  });

  it('answers errors in Attio’s error body, with the status and code the document gives', async () => {
    // Prepare
    const [member] = simulator.control.members();
    const owner = { referenced_actor_type: 'workspace-member', referenced_actor_id: member?.id.workspace_member_id };
    const missing = '00000000-0000-4000-8000-000000000000';

    // Act
    const answers = [
      await api('POST', '/v2/objects/deals/records', { data: { values: arrays({ name: 'No stage', owner }) } }),
      await api('POST', '/v2/objects/deals/records', {
        data: { values: arrays({ name: 'Bad stage', stage: 'Nope', owner }) },
      }),
      await api('POST', '/v2/objects/people/records', {
        data: { values: arrays({ avatar_url: 'https://example.com/a.png' }) },
      }),
      await api('POST', '/v2/objects/people/records/query', { filter: { nope: 'x' } }),
      await api('GET', `/v2/objects/people/records/${missing}`),
      await api('PATCH', `/v2/objects/people/records/${missing}`, { data: { values: {} } }),
      await api('DELETE', `/v2/objects/people/records/${missing}`),
      await api('GET', '/v2/objects/nope'),
      await api('GET', '/v2/objects/people/attributes/nope'),
      await api('GET', `/v2/webhooks/${missing}`),
      await api('POST', '/v2/objects', {
        data: { api_slug: 'people', singular_noun: 'Person', plural_noun: 'People' },
      }),
      await api('POST', '/v2/objects/people/attributes', {
        data: {
          title: 'Name',
          description: null,
          api_slug: 'name',
          type: 'text',
          is_required: false,
          is_unique: false,
          is_multiselect: false,
          config: {},
        },
      }),
      await api('GET', '/v2/objects', undefined, null),
    ];
    simulator.control.setRateLimits({ readsPerSecond: 1, writesPerSecond: 1 });
    await api('GET', '/v2/objects');
    answers.push(await api('GET', '/v2/objects'));

    // Assess
    expect(answers.map((answer) => [answer.status, answer.body.code])).toEqual([
      [400, 'missing_value'],
      [400, 'value_not_found'],
      [400, 'immutable_value'],
      [400, 'filter_error'],
      [404, 'not_found'],
      [404, 'not_found'],
      [404, 'not_found'],
      [404, 'not_found'],
      [404, 'not_found'],
      [404, 'not_found'],
      [409, 'slug_conflict'],
      [409, 'slug_conflict'],
      [401, 'unauthorized'],
      [429, 'rate_limit_exceeded'],
    ]);
    for (const answer of answers) {
      expect(Object.keys(answer.body).sort()).toEqual(['code', 'message', 'status_code', 'type']);
      expect(answer.body.status_code).toBe(answer.status);
    }
    expect(conformance(openApi, proxy.exchanges).problems).toEqual([]);
    expect(shapeOf(proxy.exchanges).problems).toEqual([]);
  });

  it('would catch an answer that leaves out a nullable property or adds one the document lacks', () => {
    const attribute = instances.schemaAt('#/components/schemas/attribute');
    const complete = instances.instancesOf(attribute, 'fullest')[0] as Record<string, unknown>;
    const { description: _description, ...withoutDescription } = complete;
    expect(shapeProblems(instances, complete, attribute)).toEqual([]);
    expect(shapeProblems(instances, withoutDescription, attribute)).toEqual(['/description is missing']);
    expect(shapeProblems(instances, { ...complete, statuses: [] }, attribute)).toEqual([
      '/statuses is not in the document',
    ]);
    const record = instances.schemaAt(
      `#/paths/${escape('/v2/objects/{object}/records/{record_id}')}/get/responses/200/content/application~1json/schema`,
    );
    const text = {
      active_from: '2023-01-01T15:00:00.000000000Z',
      active_until: null,
      created_by_actor: { type: 'system', id: null },
      attribute_type: 'text',
      value: 'x',
    };
    const answer = (value: Record<string, unknown>) => ({
      data: {
        id: { workspace_id: 'w', object_id: 'o', record_id: 'r' },
        created_at: 'c',
        web_url: 'u',
        values: { job_title: [value] },
      },
    });
    expect(shapeProblems(instances, answer(text), record)).toEqual([]);
    expect(shapeProblems(instances, answer({ ...text, full_name: 'x' }), record)).toEqual([
      '/data/values/job_title[0]/full_name is not in the document',
    ]);
    const { active_until: _until, ...withoutUntil } = text;
    expect(shapeProblems(instances, answer(withoutUntil), record)).toEqual([
      '/data/values/job_title[0]/active_until is missing',
    ]);
  });
});
