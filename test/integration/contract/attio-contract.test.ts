import {
  buildAuthorizeUrl,
  createAttioClient,
  exchangeAuthorizationCode,
  introspectToken,
  revokeToken,
  type AttioClient,
} from '../../../shared/attio';
import { attioReadPortOf } from '../../../shared/attio-to-partnero/attio-read-port';
import { neededAttioScopes } from '../../../shared/connect/attio-scopes';
import {
  ensureSyncAttributes,
  refreshAttioSubscriptions,
  replaceAttioWebhook,
} from '../../../shared/connect/attio-workspace-setup';
import { RateLimitedError, RetryableError } from '../../../shared/errors';
import { attioRecordsOf } from '../../../shared/attio/attio-records';
import { objectSchemaOf } from '../../../shared/attio/attio-schema';
import { planCustomerPerson } from '../../../shared/partnero-to-attio/customer-record';
import { newDealStage } from '../../../shared/partnero-to-attio/deal-stages';
import { planDealRecord } from '../../../shared/partnero-to-attio/deal-record';
import { planPartnerRecord } from '../../../shared/partnero-to-attio/partner-record';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { aCustomer, aPartner, aTransaction } from '../../unit/partnero-to-attio/partnero-deliveries';
import { AttioOpenApi, type Exchange } from './attio-openapi';
import { conformance } from './conformance';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

/**
 * Every request the project's Attio code sends in the flows below, and every answer the
 * simulator gives, must match Attio's OpenAPI document. The flows are the service's own:
 * connecting (OAuth, attributes, actor discovery, webhook), the Partnero -> Attio writes
 * planned by the sync's planners, the Attio -> Partnero reads, and the rest of the client.
 */

describe('the Attio simulator and the project client against Attio OpenAPI document', () => {
  const openApi = AttioOpenApi.load();
  let simulator: AttioSimulator;
  let proxy: RecordingProxy;

  beforeEach(async () => {
    // Webhook targets must be https (the document says so); a closed loopback port refuses at once.
    simulator = await startAttioSimulator({
      dealsEnabled: true,
      allowHttpTargets: false,
      deliveries: { retryDelaysMs: [], timeoutMs: 500 },
    });
    proxy = await startRecordingProxy(simulator.url);
  });
  afterEach(async () => {
    await proxy.stop();
    await simulator.stop();
  });

  const clientFor = (token: string): AttioClient => createAttioClient({ apiUrl: proxy.url, accessToken: token });

  it('connects a workspace the way the service does: OAuth, self, attributes, webhook without then with our actor excluded', async () => {
    // Prepare
    const redirectUri = 'https://sync.example.com/oauth/attio/callback';
    simulator.control.registerOAuthClient({
      clientId: 'sync-app',
      clientSecret: 'app-secret',
      redirectUris: [redirectUri],
      scopes: neededAttioScopes.map((needed) => needed.scope),
    });

    // Act
    const authorize = await fetch(
      buildAuthorizeUrl({ appUrl: proxy.url, clientId: 'sync-app', redirectUri, state: 'st' }),
      { redirect: 'manual' },
    );
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await exchangeAuthorizationCode({
      appUrl: proxy.url,
      clientId: 'sync-app',
      clientSecret: 'app-secret',
      code,
      redirectUri,
    });
    await introspectToken({ appUrl: proxy.url, accessToken: token });
    const attio = clientFor(token);
    await attio.self();
    await attio.workspaceMembers();
    await ensureSyncAttributes(attio, 'people');
    await ensureSyncAttributes(attio, 'people');
    const settings = defaultProgramSettings();
    const withCustomers = { ...settings, customers: { ...settings.customers, enabled: true } };
    const learnedActorId = '4c9b8eb9-0d8c-4f5e-9b1a-0a3e0c7d5f21';
    const targetUrl = 'https://127.0.0.1:9/webhooks/attio/prog_1';
    const first = await replaceAttioWebhook(attio, targetUrl, withCustomers, null);
    const second = await replaceAttioWebhook(attio, targetUrl, withCustomers, null);
    await refreshAttioSubscriptions(attio, second.webhookId, withCustomers, learnedActorId);
    await refreshAttioSubscriptions(attio, first.webhookId, withCustomers, learnedActorId);
    await revokeToken({ appUrl: proxy.url, accessToken: token });
    await introspectToken({ appUrl: proxy.url, accessToken: token });
    await expect(attio.self()).rejects.toMatchObject({ status: 401 });

    // Assess
    const result = conformance(openApi, proxy.exchanges);
    expect(result.problems).toEqual([]);
    expect([...result.checked].sort()).toEqual(
      expect.arrayContaining([
        'POST /oauth/introspect 200',
        'GET /v2/self 200',
        'GET /v2/self 401',
        'GET /v2/workspace_members 200',
        'GET /v2/{target}/{identifier}/attributes/{attribute} 404',
        'GET /v2/{target}/{identifier}/attributes/{attribute} 200',
        'POST /v2/{target}/{identifier}/attributes 200',
        'GET /v2/objects 200',
        'POST /v2/webhooks 200',
        'GET /v2/webhooks/{webhook_id} 200',
        'GET /v2/webhooks/{webhook_id} 404',
        'PATCH /v2/webhooks/{webhook_id} 200',
        'GET /v2/webhooks 200',
        'DELETE /v2/webhooks/{webhook_id} 200',
      ]),
    );
  });

  it('writes partners, customers and deals as the Partnero -> Attio sync plans them, and reads them back as the other direction does', async () => {
    // Prepare
    const { token } = simulator.control.issueToken();
    const attio = clientFor(token);
    await ensureSyncAttributes(attio, 'people');
    const settings = defaultProgramSettings();
    const records = attioRecordsOf(attio);
    const reads = attioReadPortOf(attio);
    const people = objectSchemaOf(await records.listAttributes('people'));
    const deals = objectSchemaOf(await records.listAttributes('deals'));
    const stage = newDealStage(settings.deals, await records.listStatuses('deals', 'stage'));
    const [member] = await attio.workspaceMembers();

    // Act
    const partnerPlan = planPartnerRecord(aPartner(), 'active', settings.partners, people);
    const partner = await records.assertRecord(partnerPlan.object, partnerPlan.matchingAttribute, partnerPlan.values);
    await records.assertRecord(
      partnerPlan.object,
      partnerPlan.matchingAttribute,
      planPartnerRecord(aPartner({ surname: 'Doe-Smith' }), 'active', settings.partners, people).values,
    );
    const customerPlan = planCustomerPerson(aCustomer(), 'active', { ...settings.customers, enabled: true }, people);
    const customer = await records.assertRecord(
      customerPlan.object,
      customerPlan.matchingAttribute,
      customerPlan.values,
    );
    const [personId] = await records.findPeopleByEmail('alice@brown.example');
    const dealPlan = planDealRecord(
      {
        transaction: aTransaction(),
        customer: aCustomer(),
        personRecordId: personId,
        stage,
        ownerWorkspaceMemberId: member?.id.workspace_member_id ?? '',
      },
      settings.deals,
      deals,
    );
    const deal = await records.assertRecord(dealPlan.object, dealPlan.matchingAttribute, dealPlan.values);
    await records.updateRecord('people', partner.recordId, { partnero_partner_status: 'suspended' });
    await reads.getRecord('deals', deal.recordId);
    await reads.getRecord('people', '00000000-0000-4000-8000-000000000000');
    const dealObject = await attio.objects.get('deals');
    await reads.objectSlug(dealObject.id.object_id);
    await reads.objectSlug('00000000-0000-4000-8000-000000000000');

    // Assess
    expect(customer.recordId).toBe(personId);
    const result = conformance(openApi, proxy.exchanges);
    expect(result.problems).toEqual([]);
    expect([...result.checked]).toEqual(
      expect.arrayContaining([
        'GET /v2/{target}/{identifier}/attributes 200',
        'GET /v2/{target}/{identifier}/attributes/{attribute}/statuses 200',
        'PUT /v2/objects/{object}/records 200',
        'POST /v2/objects/{object}/records/query 200',
        'PATCH /v2/objects/{object}/records/{record_id} 200',
        'GET /v2/objects/{object}/records/{record_id} 200',
        'GET /v2/objects/{object}/records/{record_id} 404',
        'GET /v2/objects/{object} 200',
        'GET /v2/objects/{object} 404',
      ]),
    );
  });

  it('covers the rest of the client: records, select options, webhooks, and the errors Attio documents', async () => {
    // Prepare
    const { token } = simulator.control.issueToken();
    const attio = clientFor(token);
    const [member] = simulator.control.members();
    const owner = { referenced_actor_type: 'workspace-member', referenced_actor_id: member?.id.workspace_member_id };

    // Act
    await attio.objects.list();
    await attio.attributes.create('companies', { title: 'Tier', api_slug: 'tier', type: 'select' });
    await attio.attributes.createSelectOption('companies', 'tier', 'Gold');
    await attio.attributes.selectOptions('companies', 'tier');
    await expect(
      attio.attributes.create('companies', { title: 'Tier', api_slug: 'tier', type: 'select' }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(attio.attributes.get('nope', 'tier')).resolves.toBeUndefined();
    const company = await attio.records.create('companies', { name: 'Acme', domains: ['acme.com'], tier: 'Gold' });
    const person = await attio.records.create('people', {
      name: 'Lovelace, Ada',
      email_addresses: ['ada@acme.com'],
      company: { target_object: 'companies', target_record_id: company.id.record_id },
    });
    await attio.records.create('deals', {
      name: 'Big',
      stage: 'Lead',
      owner,
      value: 10,
      associated_company: { target_object: 'companies', domains: [{ domain: 'acme.com' }] },
    });
    await attio.records.query('people', { filter: { email_addresses: 'ada@acme.com' } });
    await attio.records.query('people', {
      filter: {
        $and: [
          { name: { full_name: { $eq: 'Ada Lovelace' } } },
          { email_addresses: { email_address: { $eq: 'ada@acme.com' } } },
        ],
      },
      sorts: [{ direction: 'desc', attribute: 'created_at' }],
      limit: 1,
      offset: 0,
    });
    for await (const _record of attio.records.queryAll('deals', { limit: 10 })) void _record;
    await attio.records.assert('people', 'email_addresses', { email_addresses: ['ada@acme.com'], job_title: 'CTO' });
    await attio.records.update('people', person.id.record_id, { email_addresses: ['ada@lovelace.example'] }, 'append');
    await attio.records.update('people', person.id.record_id, { email_addresses: ['ada@acme.com'] }, 'overwrite');
    await expect(attio.records.create('people', { email_addresses: ['ada@acme.com'] })).rejects.toMatchObject({
      status: 400,
    });
    await expect(attio.records.assert('people', 'job_title', { job_title: 'CTO' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(attio.records.create('deals', { name: 'Bad', stage: 'Nope', owner })).rejects.toMatchObject({
      code: 'value_not_found',
    });
    await expect(attio.records.query('people', { filter: { nope: 'x' } })).rejects.toMatchObject({
      code: 'filter_error',
    });
    await expect(attio.records.query('nope')).rejects.toMatchObject({ status: 404 });
    await attio.records.delete('people', person.id.record_id);
    await expect(attio.records.delete('people', person.id.record_id)).rejects.toMatchObject({ status: 404 });
    const hook = await attio.webhooks.create('https://127.0.0.1:9/hook', [
      {
        event_type: 'record.created',
        filter: { $or: [{ field: 'id.object_id', operator: 'equals', value: company.id.object_id }] },
      },
    ]);
    await attio.webhooks.get(hook.id.webhook_id);
    await attio.webhooks.update(hook.id.webhook_id, {
      subscriptions: [{ event_type: 'record.deleted', filter: null }],
    });
    await attio.webhooks.list();
    await attio.webhooks.delete(hook.id.webhook_id);
    await attio.webhooks.delete(hook.id.webhook_id);
    await expect(attio.webhooks.get(hook.id.webhook_id)).resolves.toBeUndefined();

    // Assess
    const result = conformance(openApi, proxy.exchanges);
    expect(result.problems).toEqual([]);
    expect([...result.checked]).toEqual(
      expect.arrayContaining([
        'POST /v2/{target}/{identifier}/attributes 409',
        'POST /v2/{target}/{identifier}/attributes/{attribute}/options 200',
        'GET /v2/{target}/{identifier}/attributes/{attribute}/options 200',
        'POST /v2/objects/{object}/records 400',
        'PUT /v2/objects/{object}/records 400',
        'POST /v2/objects/{object}/records/query 400',
        'POST /v2/objects/{object}/records/query 404',
        'PUT /v2/objects/{object}/records/{record_id} 200',
        'DELETE /v2/objects/{object}/records/{record_id} 404',
        'GET /v2/webhooks/{webhook_id} 200',
        'GET /v2/webhooks/{webhook_id} 404',
        'PATCH /v2/webhooks/{webhook_id} 200',
        'DELETE /v2/webhooks/{webhook_id} 404',
      ]),
    );
  });

  it('answers custom-object creation, missing tokens, rate limits and faults in the documented shapes', async () => {
    // Prepare
    const { token } = simulator.control.issueToken();
    const attio = clientFor(token);
    const createObject = () =>
      fetch(`${proxy.url}/v2/objects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          data: { api_slug: 'affiliates', singular_noun: 'Affiliate', plural_noun: 'Affiliates' },
        }),
      });

    // Act
    expect((await createObject()).status).toBe(200);
    expect((await createObject()).status).toBe(409);
    await attio.records.create('affiliates', { name: 'Partner' });
    expect((await fetch(`${proxy.url}/v2/objects`)).status).toBe(401);
    simulator.control.setRateLimits({ readsPerSecond: 1000, writesPerSecond: 1 });
    // At one write per second a second create is throttled, unless a new second began in between: try until one is.
    let throttled: unknown;
    for (let attempt = 0; attempt < 5 && throttled === undefined; attempt += 1)
      throttled = await attio.records.create('people', {}).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(throttled).toBeInstanceOf(RateLimitedError);
    simulator.control.injectFault({ kind: '429', count: 5, retryAfterSeconds: 30 });
    await expect(attio.objects.list()).rejects.toBeInstanceOf(RateLimitedError);
    simulator.control.clearFaults();
    simulator.control.injectFault({ kind: '500' });
    await expect(attio.objects.list()).rejects.toBeInstanceOf(RetryableError);

    // Assess
    const result = conformance(openApi, proxy.exchanges);
    expect(result.problems).toEqual([]);
    expect([...result.checked]).toEqual(
      expect.arrayContaining([
        'POST /v2/objects 200',
        'POST /v2/objects 409',
        'GET /v2/objects 401',
        'POST /v2/objects/{object}/records 429',
        'GET /v2/objects 429',
        'GET /v2/objects 500',
      ]),
    );
  });

  it('would catch a simulator that strays from the document', () => {
    // A record without its id and a webhook without its status: the checks must refuse both.
    const record = openApi.operation('GET', '/v2/objects/people/records/3fa1c1d0-0000-4000-8000-000000000000');
    const webhook = openApi.operation('POST', '/v2/webhooks');
    const exchange = (body: unknown, requestBody = ''): Exchange => ({
      method: 'GET',
      target: '/',
      requestContentType: 'application/json',
      requestBody,
      status: 200,
      responseContentType: 'application/json',
      responseBody: JSON.stringify(body),
    });
    expect(
      record && openApi.validateResponse(record, exchange({ data: { created_at: 'x', values: {} } })),
    ).toMatchObject({ kind: 'invalid' });
    expect(
      webhook &&
        openApi.validateRequest(
          webhook,
          exchange({}, JSON.stringify({ data: { target_url: 'http://insecure.example', subscriptions: [] } })),
        ),
    ).not.toEqual([]);
  });
});
