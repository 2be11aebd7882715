import { partneroWebhookDeliverySchema } from '../../../shared/partnero/webhook-delivery-schema';
import { clientFor, useSimulator } from './simulator-harness';
import { startWebhookReceiver } from './webhook-receiver';

describe('Partnero simulator: control surface over HTTP', () => {
  const world = useSimulator();

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${world.simulator.url}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as { data?: unknown; message?: string } };
  }

  it('creates a program, seeds a partner as the app, and shows the webhook it fired', async () => {
    // Prepare
    const receiver = await startWebhookReceiver();
    try {
      const program = (
        await control('POST', '/programs', { id: 'program_http', apiKey: 'pk_http', commissionPercent: 10 })
      ).json.data as { id: string };
      const client = clientFor(world.simulator, 'pk_http');
      await client.webhooks.create({ name: 'sync', url: receiver.url, events: ['partner.created'] });

      // Act
      const seeded = await control('POST', `/programs/${program.id}/partners`, {
        email: 'ann@example.com',
        status: 'pending',
        approved: false,
      });
      await control('POST', '/deliveries/flush');
      const deliveries = await control('GET', `/deliveries?programId=${program.id}`);

      // Assess
      expect(seeded.json.data).toMatchObject({ email: 'ann@example.com', status: 'pending', approved: false });
      const [delivery] = deliveries.json.data as { body: string }[];
      expect(partneroWebhookDeliverySchema.parse(JSON.parse(delivery?.body ?? '')).event).toBe('partner.created');
    } finally {
      await receiver.stop();
    }
  });

  it('reads back transactions including deleted ones, and the request counts', async () => {
    // Prepare
    const partner = (await control('POST', '/programs/program_1/partners', { email: 'ann@example.com' })).json.data as {
      id: string;
    };
    await control('POST', '/programs/program_1/customers', { key: 'cust_1', partner: { id: partner.id } });
    await world.client.transactions.create({ key: 'deal_1', amount: 10, customer: { key: 'cust_1' } });
    await control('DELETE', '/programs/program_1/transactions/deal_1');

    // Act
    const transactions = await control('GET', '/programs/program_1/transactions');
    const counts = await control('GET', '/requests');

    // Assess
    expect(transactions.json.data).toEqual([
      expect.objectContaining({ key: 'deal_1', deleted_at: expect.any(String) }),
    ]);
    expect(counts.json.data).toEqual({ '/v1/transactions': { reads: 0, writes: 1 } });
  });

  it('injects a fault over HTTP and answers control errors with a message', async () => {
    // Prepare
    await control('POST', '/faults', { kind: '500', count: 1 });

    // Act
    const faulted = await fetch(`${world.simulator.url}/v1/partners`, {
      headers: { authorization: 'Bearer pk_test_program_1' },
    });
    const unknownProgram = await control('GET', '/programs/nope/partners');

    // Assess
    expect(faulted.status).toBe(500);
    expect(unknownProgram).toMatchObject({ status: 400, json: { message: 'no program nope' } });
  });
});
