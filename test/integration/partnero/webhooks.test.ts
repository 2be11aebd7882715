import { partneroWebhookDeliverySchema } from '../../../shared/partnero/webhook-delivery-schema';
import { isValidHmacSignature } from '../../../shared/webhooks/verify-signature';
import { programId, rawCall, useSimulator } from './simulator-harness';
import { startWebhookReceiver } from './webhook-receiver';

describe('Partnero simulator and client: webhooks', () => {
  const world = useSimulator();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.stop();
  });

  const subscribe = (events: string[]) => world.client.webhooks.create({ name: 'sync', url: receiver.url, events });
  const rawControl = (method: string, path: string, body: unknown) =>
    fetch(`${world.simulator.url}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.status);

  it('creates a webhook with a 12-character key and a 16-character alphanumeric secret, listed and deletable', async () => {
    // Act
    const webhook = await subscribe(['partner.created']);
    const listed = await world.client.webhooks.list();
    const deleted = await world.client.webhooks.delete(webhook.key);

    // Assess
    expect(webhook.key).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(webhook.signature).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(listed).toEqual([
      expect.objectContaining({ key: webhook.key, signature: webhook.signature, is_active: true }),
    ]);
    expect(deleted).toBe('deleted');
    expect(await world.client.webhooks.get(webhook.key)).toBeUndefined();
  });

  it('changes the events of a webhook with PUT, so later writes follow the new subscription', async () => {
    // Prepare
    const webhook = await subscribe(['customer.created']);

    // Act
    const response = await rawCall(world.simulator, 'PUT', `/webhooks/${webhook.key}`, { events: ['partner.created'] });
    await world.client.partners.create({ email: 'ann@example.com' });
    await world.simulator.control.flushDeliveries();

    // Assess
    expect(response.json.data).toMatchObject({ key: webhook.key, events: ['partner.created'] });
    // A delivery the receiver answered late (a busy machine) is retried with the same body: count distinct deliveries.
    const deliveries = [...new Set(receiver.received.map((delivery) => delivery.rawBody))];
    expect(deliveries.map((body) => (JSON.parse(body) as { event: string }).event)).toEqual(['partner.created']);
  });

  it('refuses a webhook without a url or with an unknown event', async () => {
    // Act
    const response = await rawCall(world.simulator, 'POST', '/webhooks', { name: 'x', events: ['deal.won'] });

    // Assess
    expect(response.status).toBe(422);
    expect(Object.keys(response.json.errors as object).sort()).toEqual(['events.0', 'url']);
  });

  it('delivers an API write signed with the hex HMAC-SHA256 of the raw body in the Signature header', async () => {
    // Prepare
    const webhook = await subscribe(['partner.created']);

    // Act
    const partner = await world.client.partners.create({ email: 'ann@example.com' });
    await world.simulator.control.flushDeliveries();

    // Assess
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(
      isValidHmacSignature(delivery?.rawBody ?? '', String(delivery?.headers.signature), webhook.signature ?? ''),
    ).toBe(true);
    const parsed = partneroWebhookDeliverySchema.parse(JSON.parse(delivery?.rawBody ?? ''));
    expect(parsed).toMatchObject({
      event: 'partner.created',
      url: receiver.url,
      webhook_key: webhook.key,
      data: { id: partner.id, email: 'ann@example.com' },
    });
    expect(parsed.created_at).toMatch(/\.000000Z$/);
  });

  it('delivers writes made as the Partnero app through the control surface', async () => {
    // Prepare
    await subscribe([
      'partner.created',
      'partner.approved',
      'customer.created',
      'transaction.created',
      'transaction.deleted',
    ]);
    const control = world.simulator.control;

    // Act
    const partner = control.partners.create(
      programId,
      { email: 'ann@example.com' },
      { approved: false, status: 'pending' },
    );
    control.partners.approve(programId, partner.id);
    control.customers.create(programId, { key: 'cust_1', email: 'carl@example.com', partner: { id: partner.id } });
    control.transactions.create(programId, {
      key: 'deal_1',
      amount: 50,
      amount_units: 'EUR',
      customer: { key: 'cust_1' },
    });
    control.transactions.delete(programId, 'deal_1');
    await control.flushDeliveries();

    // Assess
    const events = receiver.received.map((delivery) =>
      partneroWebhookDeliverySchema.parse(JSON.parse(delivery.rawBody)),
    );
    expect(events.map((event) => event.event).sort()).toEqual([
      'customer.created',
      'partner.approved',
      'partner.created',
      'transaction.created',
      'transaction.deleted',
    ]);
    expect(events.find((event) => event.event === 'transaction.created')?.data).toEqual({
      key: 'deal_1',
      partner: partner.id,
    });
  });

  // Partnero documents partner.created's data only (docs webhooks/overview); the n8n README adds a
  // sale's `data.partner`. By default the simulator sends no more than that.
  it('sends by default the thinnest data the sources allow: the documented five partner fields, a key, a sale key and partner', async () => {
    // Prepare
    await subscribe([
      'partner.created',
      'partner.updated',
      'partner.deleted',
      'customer.created',
      'customer.deleted',
      'transaction.created',
      'transaction.deleted',
    ]);
    const control = world.simulator.control;

    // Act
    const partner = control.partners.create(programId, { email: 'ann@example.com', name: 'Ann', surname: 'Lee' });
    control.partners.update(programId, partner.id, { name: 'Anne' });
    control.customers.create(programId, { key: 'cust_1', email: 'carl@example.com', partner: { id: partner.id } });
    control.transactions.create(programId, { key: 'deal_1', amount: 50, customer: { key: 'cust_1' } });
    control.transactions.delete(programId, 'deal_1');
    control.customers.delete(programId, 'cust_1');
    control.partners.delete(programId, partner.id);
    await control.flushDeliveries();

    // Assess
    const data = Object.fromEntries(
      receiver.received
        .map((delivery) => JSON.parse(delivery.rawBody) as { event: string; data: Record<string, unknown> })
        .map((body) => [body.event, body.data]),
    );
    expect(Object.keys(data['partner.created'] ?? {}).sort()).toEqual(['created_at', 'email', 'id', 'name', 'surname']);
    expect(data['partner.updated']).toMatchObject({ id: partner.id, name: 'Anne' });
    expect(Object.keys(data['partner.updated'] ?? {}).sort()).toEqual(['created_at', 'email', 'id', 'name', 'surname']);
    expect(data['partner.deleted']).toEqual({ id: partner.id });
    expect(data['customer.created']).toEqual({ key: 'cust_1' });
    expect(data['customer.deleted']).toEqual({ key: 'cust_1' });
    expect(data['transaction.created']).toEqual({ key: 'deal_1', partner: partner.id });
    expect(data['transaction.deleted']).toEqual({ key: 'deal_1' });
  });

  it('sends the full REST resources when set to, over the control API', async () => {
    // Prepare
    await subscribe(['partner.created', 'transaction.created']);
    await rawControl('PUT', '/deliveries/options', { payloads: 'full' });
    const control = world.simulator.control;

    try {
      // Act
      const partner = control.partners.create(programId, { email: 'ann@example.com' });
      control.customers.create(programId, { key: 'cust_1', partner: { id: partner.id } });
      control.transactions.create(programId, {
        key: 'deal_1',
        amount: 50,
        amount_units: 'EUR',
        customer: { key: 'cust_1' },
      });
      await control.flushDeliveries();

      // Assess
      const events = receiver.received.map((delivery) =>
        partneroWebhookDeliverySchema.parse(JSON.parse(delivery.rawBody)),
      );
      expect(events.find((event) => event.event === 'partner.created')?.data).toMatchObject({
        id: partner.id,
        status: expect.any(String),
        referral_link: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(events.find((event) => event.event === 'transaction.created')?.data).toMatchObject({
        key: 'deal_1',
        amount: 50,
        amount_units: 'EUR',
        customer: 'cust_1',
        partner: partner.id,
      });
    } finally {
      control.configureDeliveries({ payloads: 'documented' });
    }
  });

  it('sends only the events a webhook subscribed to, and nothing to an inactive one', async () => {
    // Prepare
    await subscribe(['customer.deleted']);
    await world.client.webhooks.create({
      name: 'off',
      url: receiver.url,
      events: ['partner.created'],
      is_active: false,
    });

    // Act
    await world.client.partners.create({ email: 'ann@example.com' });
    await world.simulator.control.flushDeliveries();

    // Assess
    expect(receiver.received).toEqual([]);
  });

  it('emits updated, archived and deleted for the matching partner and customer writes', async () => {
    // Prepare
    await subscribe(['partner.updated', 'partner.archived', 'partner.deleted', 'customer.updated', 'customer.deleted']);
    const partner = await world.client.partners.create({ email: 'ann@example.com' });
    await world.client.customers.create({ key: 'cust_1', partner: { id: partner.id } });

    // Act
    await world.client.customers.update('cust_1', { email: 'carl@example.com' });
    await world.client.customers.delete('cust_1');
    await world.client.partners.update(partner.id, { name: 'Ann' });
    await rawCall(world.simulator, 'POST', `/partners/${partner.id}/archive`);
    await rawCall(world.simulator, 'DELETE', `/partners/${partner.id}`);
    await world.simulator.control.flushDeliveries();

    // Assess
    expect(world.simulator.control.deliveries().map((delivery) => delivery.event)).toEqual([
      'customer.updated',
      'customer.deleted',
      'partner.updated',
      'partner.archived',
      'partner.deleted',
    ]);
  });

  it('retries a delivery answered with a non-2xx, sending the same signed bytes', async () => {
    // Prepare
    await subscribe(['partner.created']);
    receiver.answerNext(500, 503);

    // Act
    await world.client.partners.create({ email: 'ann@example.com' });
    await world.simulator.control.flushDeliveries();

    // Assess
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((delivery) => delivery.rawBody)).size).toBe(1);
    expect(new Set(receiver.received.map((delivery) => delivery.headers.signature)).size).toBe(1);
    const [record] = world.simulator.control.deliveries();
    expect(record?.state).toBe('delivered');
    expect(record?.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
  });

  it('retries a delivery whose answer takes longer than the timeout', async () => {
    // Prepare
    await subscribe(['partner.created']);
    receiver.stallNext(1_000);

    // Act
    await world.client.partners.create({ email: 'ann@example.com' });
    await world.simulator.control.flushDeliveries();

    // Assess
    const [record] = world.simulator.control.deliveries();
    expect(record?.attempts[0]?.error).toMatch(/no answer within/);
    expect(record?.state).toBe('delivered');
  });

  it('gives up after the configured retries and records the delivery as failed', async () => {
    // Prepare
    await subscribe(['partner.created']);
    receiver.answerNext(500, 500, 500, 500);

    // Act
    await world.client.partners.create({ email: 'ann@example.com' });
    await world.simulator.control.flushDeliveries();

    // Assess
    const [record] = world.simulator.control.deliveries();
    expect(record?.attempts).toHaveLength(4);
    expect(record?.state).toBe('failed');
  });

  it('waits longer before each retry', async () => {
    // Prepare
    world.simulator.control.configureDeliveries({ retryDelaysMs: [30, 120] });
    await subscribe(['partner.created']);
    receiver.answerNext(500, 500);

    // Act
    await world.client.partners.create({ email: 'ann@example.com' });
    await world.simulator.control.flushDeliveries();

    // Assess
    const times = world.simulator.control.deliveries()[0]?.attempts.map((attempt) => Date.parse(attempt.at)) ?? [];
    expect(times).toHaveLength(3);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(25);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(110);
  });
});
