import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attioWebhookDeliverySchema } from '../../../shared/attio';
import { startAttioHarness, startWebhookReceiver, type AttioHarness, type WebhookReceiver } from './attio-harness';

/** Attio webhooks (attio-api.md §2): CRUD, signed deliveries, filters, retries. */
describe('webhooks of the Attio simulator', () => {
  let harness: AttioHarness;
  let receiver: WebhookReceiver | undefined;

  beforeEach(async () => {
    harness = await startAttioHarness();
  });
  afterEach(async () => {
    await harness.stop();
    await receiver?.stop();
    receiver = undefined;
  });

  const personId = (record: Record<string, unknown>) => (record.id as { record_id: string }).record_id;

  it('shows the secret once, at creation: never in get, list or update; delete answers {} then 404', async () => {
    // Act
    const created = await harness.raw('POST', '/v2/webhooks', {
      body: {
        data: {
          target_url: 'https://example.com/hook',
          subscriptions: [{ event_type: 'record.created', filter: null }],
        },
      },
    });
    const { data } = (await created.json()) as { data: { id: { webhook_id: string }; secret: string; status: string } };
    const path = `/v2/webhooks/${data.id.webhook_id}`;
    const got = (await (await harness.raw('GET', path)).json()) as { data: Record<string, unknown> };
    const listed = (await (await harness.raw('GET', '/v2/webhooks')).json()) as { data: Record<string, unknown>[] };
    const patched = (await (
      await harness.raw('PATCH', path, { body: { data: { target_url: 'https://example.com/other' } } })
    ).json()) as { data: Record<string, unknown> };
    const deleted = await harness.raw('DELETE', path);
    const afterDelete = await harness.raw('GET', path);

    // Assess
    expect(created.status).toBe(200);
    expect(data.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(data.status).toBe('active');
    expect(got.data).not.toHaveProperty('secret');
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).not.toHaveProperty('secret');
    expect(patched.data).toMatchObject({ target_url: 'https://example.com/other' });
    expect(patched.data).not.toHaveProperty('secret');
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({});
    expect(afterDelete.status).toBe(404);
    expect(await afterDelete.json()).toMatchObject({ status_code: 404, code: 'not_found' });
  });

  it('refuses a subscription without a filter key and, when told to, a target that is not https', async () => {
    const strict = await startAttioHarness({ allowHttpTargets: false });
    try {
      await expect(
        strict.attio.webhooks.create('http://example.com/hook', [{ event_type: 'record.created', filter: null }]),
      ).rejects.toMatchObject({ status: 400, code: 'validation_type' });
      const noFilter = await strict.raw('POST', '/v2/webhooks', {
        body: { data: { target_url: 'https://example.com/hook', subscriptions: [{ event_type: 'record.created' }] } },
      });
      expect(noFilter.status).toBe(400);
    } finally {
      await strict.stop();
    }
  });

  it('sends one record.updated per changed attribute, with the writer as actor, signed in both headers', async () => {
    // Prepare
    receiver = await startWebhookReceiver();
    const hook = await harness.attio.webhooks.create(receiver.url, [{ event_type: 'record.updated', filter: null }]);
    const person = await harness.attio.records.create('people', { email_addresses: ['a@example.com'] });

    // Act: three attributes written, one of them unchanged.
    await harness.attio.records.update(
      'people',
      person.id.record_id,
      { email_addresses: ['a@example.com'], job_title: 'CTO', description: 'hi' },
      'overwrite',
    );
    await harness.simulator.control.flushDeliveries();

    // Assess
    const events = receiver.events();
    expect(events).toHaveLength(2);
    expect(new Set(events.map((event) => event.id.attribute_id)).size).toBe(2);
    expect(
      events.every((event) => event.actor.type === harness.actor.type && event.actor.id === harness.actor.id),
    ).toBe(true);
    const documented = JSON.parse(
      readFileSync(join(__dirname, '../../fixtures/attio/webhook-record-updated.json'), 'utf8'),
    ) as { events: Record<string, Record<string, unknown>>[] };
    const shape = (event: Record<string, Record<string, unknown>> | undefined) => [
      Object.keys(event ?? {}).sort(),
      Object.keys(event?.id ?? {}).sort(),
    ];
    for (const delivery of receiver.received) {
      const body = JSON.parse(delivery.body) as {
        webhook_id: string;
        events: Record<string, Record<string, unknown>>[];
      };
      expect(attioWebhookDeliverySchema.safeParse(body).success).toBe(true);
      expect(shape(body.events[0])).toEqual(shape(documented.events[0]));
      expect(body.webhook_id).toBe(hook.id.webhook_id);
      expect(body.events).toHaveLength(1);
      expect(delivery.headers['attio-signature']).toBe(
        createHmac('sha256', hook.secret).update(delivery.body).digest('hex'),
      );
      expect(delivery.headers['x-attio-signature']).toBe(delivery.headers['attio-signature']);
      expect(delivery.headers['idempotency-key']).toEqual(expect.any(String));
    }
  });

  it('applies $or and $and filters of equals / not_equals on dot paths of the event', async () => {
    // Prepare
    receiver = await startWebhookReceiver();
    const people = await harness.attio.objects.get('people');
    const deals = await harness.attio.objects.get('deals');
    const [member] = harness.simulator.control.members();
    await harness.attio.webhooks.create(receiver.url, [
      // Created records of people or deals, whoever wrote them.
      {
        event_type: 'record.created',
        filter: {
          $or: [
            { field: 'id.object_id', operator: 'equals', value: people.id.object_id },
            { field: 'id.object_id', operator: 'equals', value: deals.id.object_id },
          ],
        },
      },
      // Deleted records, but not those our token deleted.
      {
        event_type: 'record.deleted',
        filter: { $and: [{ field: 'actor.id', operator: 'not_equals', value: harness.actor.id as string }] },
      },
    ]);

    // Act
    const ours = await harness.attio.records.create('people', { email_addresses: ['ours@example.com'] });
    const company = await harness.attio.records.create('companies', { name: 'Not subscribed' });
    const theirs = harness.simulator.control.createRecordAsMember('people', {
      email_addresses: ['theirs@example.com'],
    });
    await harness.attio.records.delete('people', ours.id.record_id);
    harness.simulator.control.deleteRecordAsMember('people', personId(theirs));
    await harness.simulator.control.flushDeliveries();

    // Assess
    const events = receiver.events().map((event) => `${event.event_type} ${event.id.record_id}`);
    expect(events.sort()).toEqual(
      [
        `record.created ${ours.id.record_id}`,
        `record.created ${personId(theirs)}`,
        `record.deleted ${personId(theirs)}`,
      ].sort(),
    );
    expect(events.join()).not.toContain(company.id.record_id);
    expect(receiver.events().find((event) => event.event_type === 'record.deleted')?.actor).toEqual({
      type: 'workspace-member',
      id: member?.id.workspace_member_id,
    });
  });

  it('filters record.updated by id.attribute_id and actor.id in one flat $and, as a subscription per attribute', async () => {
    // Prepare
    receiver = await startWebhookReceiver();
    const jobTitle = await harness.attio.attributes.get('people', 'job_title');
    const description = await harness.attio.attributes.get('people', 'description');
    const only = (attributeId: string) => ({
      event_type: 'record.updated',
      filter: {
        $and: [
          { field: 'id.attribute_id', operator: 'equals' as const, value: attributeId },
          { field: 'actor.id', operator: 'not_equals' as const, value: harness.actor.id as string },
        ],
      },
    });
    await harness.attio.webhooks.create(receiver.url, [
      only(jobTitle?.id.attribute_id as string),
      only(description?.id.attribute_id as string),
    ]);
    const person = harness.simulator.control.createRecordAsMember('people', {
      email_addresses: ['someone@example.com'],
    });

    // Act: a member changes three attributes, one of them unsubscribed; our token changes a subscribed one.
    harness.simulator.control.updateRecordAsMember('people', personId(person), {
      job_title: 'CTO',
      description: 'met at a fair',
      email_addresses: ['other@example.com'],
    });
    await harness.attio.records.update('people', personId(person), { job_title: 'CEO' });
    await harness.simulator.control.flushDeliveries();

    // Assess: one delivery per subscribed attribute the member changed, none for ours or for the email.
    const events = receiver.events();
    expect(events.map((event) => event.id.attribute_id).sort()).toEqual(
      [jobTitle?.id.attribute_id, description?.id.attribute_id].sort(),
    );
    expect(events.every((event) => event.actor.type === 'workspace-member')).toBe(true);
  });

  it('refuses filters the OpenAPI document does not allow: other operators, nested groups, $and with $or, non-strings, unknown events', async () => {
    const create = (subscription: unknown) =>
      harness.raw('POST', '/v2/webhooks', {
        body: { data: { target_url: 'https://example.com/hook', subscriptions: [subscription] } },
      });
    const condition = { field: 'id.object_id', operator: 'equals', value: 'x' };
    const refused = [
      { event_type: 'record.updated', filter: { $and: [{ ...condition, operator: 'contains' }] } },
      { event_type: 'record.updated', filter: { $and: [{ $or: [condition] }] } },
      { event_type: 'record.updated', filter: { $and: [condition], $or: [condition] } },
      { event_type: 'record.updated', filter: { $and: [{ ...condition, value: 3 }] } },
      { event_type: 'record.updated', filter: [condition] },
      { event_type: 'record.changed', filter: null },
    ];
    for (const subscription of refused) {
      const answer = await create(subscription);
      expect({ subscription, status: answer.status }).toEqual({ subscription, status: 400 });
    }
    expect((await create({ event_type: 'record.updated', filter: { $or: [condition] } })).status).toBe(200);
  });

  it.each(['api-token', 'app'] as const)(
    'names writes made with a token by a %s actor, the same one in values and events',
    async (type) => {
      const simulator = await startAttioHarness({ tokenActorType: type });
      try {
        const person = await simulator.attio.records.create('people', { email_addresses: ['actor@example.com'] });
        expect(simulator.actor.type).toBe(type);
        expect(person.values.email_addresses?.[0]?.created_by_actor).toEqual(simulator.actor);
      } finally {
        await simulator.stop();
      }
    },
  );

  it('emits two record.merged events, one per original, both naming the new record', async () => {
    // Prepare
    receiver = await startWebhookReceiver();
    await harness.attio.webhooks.create(receiver.url, [{ event_type: 'record.merged', filter: null }]);
    const a = await harness.attio.records.create('people', { email_addresses: ['a@example.com'] });
    const b = await harness.attio.records.create('people', { email_addresses: ['b@example.com'] });

    // Act
    const newId = harness.simulator.control.mergeRecordsAsMember('people', a.id.record_id, b.id.record_id);
    await harness.simulator.control.flushDeliveries();

    // Assess
    const events = receiver.events();
    expect(events.map((event) => event.id.record_id)).toEqual([newId, newId]);
    expect(events.map((event) => event.duplicate_record_id).sort()).toEqual([a.id.record_id, b.id.record_id].sort());
  });

  it('retries anything but 200/202 with the same Idempotency-Key and body, and marks the webhook degraded once retries run out', async () => {
    // Prepare: the first delivery meets 500, 204 then 202; the second never succeeds.
    receiver = await startWebhookReceiver([500, 204, 202, 503, 503, 503, 503]);
    const hook = await harness.attio.webhooks.create(receiver.url, [{ event_type: 'record.created', filter: null }]);

    // Act
    await harness.attio.records.create('people', { email_addresses: ['one@example.com'] });
    await harness.simulator.control.flushDeliveries();
    await harness.attio.records.create('people', { email_addresses: ['two@example.com'] });
    await harness.simulator.control.flushDeliveries();

    // Assess
    const [first, second] = harness.simulator.control.deliveries();
    expect(first?.attempts.map((attempt) => attempt.status)).toEqual([500, 204, 202]);
    expect(first?.state).toBe('delivered');
    expect(second?.attempts).toHaveLength(4);
    expect(second?.state).toBe('failed');
    const keys = receiver.received.map((delivery) => delivery.headers['idempotency-key']);
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(new Set(keys.slice(3)).size).toBe(1);
    expect(keys[0]).not.toBe(keys[3]);
    expect(new Set(receiver.received.slice(0, 3).map((delivery) => delivery.body)).size).toBe(1);
    expect((await harness.attio.webhooks.get(hook.id.webhook_id))?.status).toBe('degraded');
  });
});
