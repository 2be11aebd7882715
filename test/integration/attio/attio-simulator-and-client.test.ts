import { createHmac } from 'node:crypto';
import {
  buildAuthorizeUrl,
  createAttioClient,
  emailAddresses,
  exchangeAuthorizationCode,
  revokeToken,
  statusId,
  type AttioClient,
} from '../../../shared/attio';
import { ProviderHttpError, RateLimitedError } from '../../../shared/errors';
import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { startWebhookReceiver, type WebhookReceiver } from './attio-harness';

// Stopped after each test, not in it, so a failed assertion cannot leave a server holding jest open.
const openReceivers: WebhookReceiver[] = [];

async function startReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver(statuses);
  openReceivers.push(receiver);
  return receiver;
}

describe('the Attio simulator through the project client', () => {
  let simulator: AttioSimulator;
  let attio: AttioClient;

  beforeEach(async () => {
    simulator = await startAttioSimulator({
      dealsEnabled: true,
      deliveries: { retryDelaysMs: [10, 10, 10], timeoutMs: 1000 },
    });
    attio = createAttioClient({ apiUrl: simulator.url, accessToken: simulator.control.issueToken().token });
  });
  afterEach(async () => {
    await simulator.stop();
    await Promise.all(openReceivers.splice(0).map((receiver) => receiver.stop()));
  });

  it('runs the OAuth code flow: 302 with code and state, single-use code, revocable token', async () => {
    // Prepare
    simulator.control.registerOAuthClient({
      clientId: 'app',
      clientSecret: 'secret',
      redirectUris: ['http://127.0.0.1:1/callback'],
    });
    // Act
    const authorize = await fetch(
      buildAuthorizeUrl({
        appUrl: simulator.url,
        clientId: 'app',
        redirectUri: 'http://127.0.0.1:1/callback',
        state: 's1',
      }),
      { redirect: 'manual' },
    );
    const location = new URL(authorize.headers.get('location') ?? '');
    const code = location.searchParams.get('code') ?? '';
    const token = await exchangeAuthorizationCode({
      appUrl: simulator.url,
      clientId: 'app',
      clientSecret: 'secret',
      code,
    });
    // Assess
    expect(authorize.status).toBe(302);
    expect(location.searchParams.get('state')).toBe('s1');
    await expect(
      exchangeAuthorizationCode({ appUrl: simulator.url, clientId: 'app', clientSecret: 'secret', code }),
    ).rejects.toBeInstanceOf(ProviderHttpError);
    const self = await createAttioClient({ apiUrl: simulator.url, accessToken: token }).self();
    expect(self).toMatchObject({ active: true, workspace_id: simulator.control.defaultWorkspaceId, client_id: 'app' });
    await revokeToken({ appUrl: simulator.url, accessToken: token });
    await expect(createAttioClient({ apiUrl: simulator.url, accessToken: token }).self()).rejects.toMatchObject({
      status: 401,
    });
  });

  it('refuses to redirect to an unregistered redirect URI', async () => {
    simulator.control.registerOAuthClient({
      clientId: 'app',
      clientSecret: 'secret',
      redirectUris: ['http://127.0.0.1:1/callback'],
    });
    const response = await fetch(
      buildAuthorizeUrl({ appUrl: simulator.url, clientId: 'app', redirectUri: 'http://evil.example/cb', state: 's' }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('creates attributes idempotently and answers 409 slug_conflict to a second create', async () => {
    const attribute = { title: 'Partnero partner id', api_slug: 'partnero_partner_id', type: 'text', is_unique: true };
    const first = await attio.attributes.ensure('people', attribute);
    const again = await attio.attributes.ensure('people', attribute);
    expect(again.id.attribute_id).toBe(first.id.attribute_id);
    await expect(attio.attributes.create('people', attribute)).rejects.toMatchObject({
      status: 409,
      code: 'slug_conflict',
    });
  });

  it('asserts on a unique attribute: creates once, then updates the same record; refuses a non-unique one', async () => {
    await attio.attributes.ensure('people', {
      title: 'Partnero partner id',
      api_slug: 'partnero_partner_id',
      type: 'text',
      is_unique: true,
    });
    const created = await attio.records.assert('people', 'partnero_partner_id', {
      partnero_partner_id: 'p1',
      email_addresses: ['ada@example.com'],
      job_title: 'CTO',
    });
    const updated = await attio.records.assert('people', 'partnero_partner_id', {
      partnero_partner_id: 'p1',
      job_title: 'CEO',
    });
    expect(updated.id.record_id).toBe(created.id.record_id);
    expect(simulator.control.records('people')).toHaveLength(1);
    await expect(attio.records.assert('people', 'job_title', { job_title: 'x' })).rejects.toMatchObject({
      code: 'matching_attribute_definition_not_unique',
    });
  });

  it('refuses a create that conflicts on a unique value, and keeps append vs overwrite apart for multiselects', async () => {
    const person = await attio.records.create('people', { email_addresses: ['a@example.com'] });
    await expect(attio.records.create('people', { email_addresses: ['A@example.com'] })).rejects.toMatchObject({
      status: 400,
    });
    const appended = await attio.records.update(
      'people',
      person.id.record_id,
      { email_addresses: ['b@example.com'] },
      'append',
    );
    expect(emailAddresses(appended).sort()).toEqual(['a@example.com', 'b@example.com']);
    const overwritten = await attio.records.update(
      'people',
      person.id.record_id,
      { email_addresses: ['c@example.com'] },
      'overwrite',
    );
    expect(emailAddresses(overwritten)).toEqual(['c@example.com']);
  });

  it('creates deals with stage, owner, value in the attribute currency and linked people, and queries them', async () => {
    const [member] = simulator.control.members();
    const person = await attio.records.create('people', { email_addresses: ['buyer@example.com'] });
    const deal = await attio.records.create('deals', {
      name: 'Deal',
      stage: 'In Progress',
      owner: { referenced_actor_type: 'workspace-member', referenced_actor_id: member?.id.workspace_member_id },
      value: 99.5,
      associated_people: [{ target_object: 'people', email_addresses: [{ email_address: 'buyer@example.com' }] }],
    });
    expect(deal.values.value?.[0]).toMatchObject({ currency_value: 99.5, currency_code: 'USD' });
    expect(deal.values.associated_people?.[0]).toMatchObject({ target_record_id: person.id.record_id });
    const inProgress = await attio.records.query('deals', { filter: { stage: 'In Progress' } });
    expect(inProgress.map((record) => record.id.record_id)).toEqual([deal.id.record_id]);
    await expect(attio.records.create('deals', { name: 'No stage' })).rejects.toMatchObject({ code: 'missing_value' });
    await expect(attio.records.update('deals', deal.id.record_id, { stage: 'Nope' })).rejects.toMatchObject({
      code: 'value_not_found',
    });
    const statuses = await attio.attributes.statuses('deals', 'stage');
    expect(statuses.map((status) => status.title)).toEqual(['Lead', 'In Progress', 'Won 🎉', 'Lost']);
    expect(statusId(deal, 'stage')).toBe(statuses[1]?.id.status_id);
  });

  it('delivers signed webhooks, one record.updated per changed attribute, with the actor, filters and retries', async () => {
    // Prepare
    const receiver = await startReceiver([500]);
    const { actor } = simulator.control.issueToken();
    const hook = await attio.webhooks.create(receiver.url, [
      {
        event_type: 'record.updated',
        filter: { $and: [{ field: 'actor.id', operator: 'not_equals', value: actor.id as string }] },
      },
      { event_type: 'record.created', filter: null },
    ]);
    const person = simulator.control.createRecordAsMember('people', { email_addresses: ['x@example.com'] });
    const recordId = (person.id as { record_id: string }).record_id;
    // Act
    simulator.control.updateRecordAsMember('people', recordId, { job_title: 'CTO', description: 'hi' });
    await simulator.control.flushDeliveries();
    // Assess
    const bodies = receiver.received.map(
      (delivery) =>
        JSON.parse(delivery.body) as {
          events: { event_type: string; id: { attribute_id?: string }; actor: { type: string } }[];
        },
    );
    const events = bodies.flatMap((body) => body.events);
    expect(events.filter((event) => event.event_type === 'record.updated')).toHaveLength(2);
    expect(events.every((event) => event.actor.type === 'workspace-member')).toBe(true);
    for (const delivery of receiver.received) {
      expect(delivery.headers['attio-signature']).toBe(
        createHmac('sha256', hook.secret).update(delivery.body).digest('hex'),
      );
      expect(delivery.headers['x-attio-signature']).toBe(delivery.headers['attio-signature']);
    }
    // Three deliveries went out at once; the one that got the 500 came again with the same
    // Idempotency-Key and body.
    expect(receiver.received).toHaveLength(4);
    const keys = receiver.received.map((delivery) => String(delivery.headers['idempotency-key']));
    const retried = [...new Set(keys)]
      .map((key) => receiver.received.filter((_, index) => keys[index] === key))
      .filter((attempts) => attempts.length > 1);
    expect(retried).toHaveLength(1);
    expect(new Set(retried[0]?.map((attempt) => attempt.body)).size).toBe(1);
  });

  it('answers 429 with the documented body and an HTTP-date Retry-After, which the client passes on at once', async () => {
    simulator.control.setRateLimits({ readsPerSecond: 100, writesPerSecond: 1 });
    const raw = async () =>
      fetch(`${simulator.url}/v2/objects/people/records`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${simulator.control.issueToken().token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ data: { values: {} } }),
      });
    await raw();
    const limited = await raw();
    expect(limited.status).toBe(429);
    expect(Date.parse(limited.headers.get('retry-after') ?? '')).toBeGreaterThan(Date.now() - 1000);
    expect(await limited.json()).toEqual({
      status_code: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded, please try again later',
    });
    simulator.control.injectFault({ kind: '429', count: 10, retryAfterSeconds: 30 });
    const passedOn = await attio.records.create('people', {}).catch((caught: unknown) => caught);
    expect(passedOn).toBeInstanceOf(RateLimitedError);
    expect((passedOn as RateLimitedError).retryAfterMs).toBeGreaterThan(25_000);
  });
});
