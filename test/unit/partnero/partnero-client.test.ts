import { ProviderHttpError } from '../../../shared/errors';
import { createPartneroClient } from '../../../shared/partnero/partnero-client';
import { loadFixture, scriptedTransport, type ScriptedAnswer } from './scripted-transport';

function clientAnswering(...answers: ScriptedAnswer[]) {
  const script = scriptedTransport(...answers);
  const client = createPartneroClient({
    apiUrl: 'https://api.partnero.com/v1',
    apiKey: 'key',
    transport: script.transport,
  });
  return { client, requests: script.requests };
}

const transaction = (key: string) => ({ key, amount: 10, amount_units: 'EUR', customer: 'c1', partner: 'p1' });

describe('createPartneroClient', () => {
  it('finds a partner by email through the singular /partner path', async () => {
    // Prepare
    const { client, requests } = clientAnswering({ status: 200, body: loadFixture('partner-create-response') });

    // Act
    const partner = await client.partners.find({ email: 'john.doe@partnero.com' });

    // Assess
    expect(partner?.id).toBe('partner_123');
    expect(requests[0]?.url).toBe('https://api.partnero.com/v1/partner?email=john.doe%40partnero.com');
  });

  it('answers undefined for a partner Partnero does not know', async () => {
    // Prepare
    const { client } = clientAnswering({ status: 404, body: { message: 'Partner not found' } });

    // Act
    const partner = await client.partners.find({ key: 'nobody' });

    // Assess
    expect(partner).toBeUndefined();
  });

  it('sends partner and customer changes inside the documented update wrapper', async () => {
    // Prepare
    const { client, requests } = clientAnswering(
      { status: 200, body: loadFixture('partner-create-response') },
      { status: 200, body: loadFixture('customer-create-response') },
    );

    // Act
    await client.partners.update('partner_123', { name: 'Jo', tags: [] });
    await client.customers.update('customer_123', { email: 'new@example.com' });

    // Assess
    expect(
      requests.map((request) => [request.method, new URL(request.url).pathname, JSON.parse(request.body ?? '')]),
    ).toEqual([
      ['PUT', '/v1/partners/partner_123', { update: { name: 'Jo', tags: [] } }],
      ['PUT', '/v1/customers/customer_123', { update: { email: 'new@example.com' } }],
    ]);
  });

  it('keeps only exact email matches from a customer search', async () => {
    // Prepare
    const { client, requests } = clientAnswering({
      status: 200,
      body: {
        data: [
          { key: 'c1', email: 'Ann@Example.com' },
          { key: 'c2', email: 'joann@example.com' },
        ],
        status: 1,
      },
    });

    // Act
    const customers = await client.customers.searchByEmail('ann@example.com');

    // Assess
    expect(customers.map((customer) => customer.key)).toEqual(['c1']);
    expect(new URL(requests[0]?.url ?? '').pathname).toBe('/v1/customers:search');
  });

  it('returns every transaction recorded under a key, and none under a sibling key', async () => {
    // Prepare
    const { client, requests } = clientAnswering({
      status: 200,
      body: {
        data: [transaction('deal_1'), transaction('deal_10'), transaction('deal_1')],
        links: { next: null },
        meta: {},
        status: 1,
      },
    });

    // Act
    const found = await client.transactions.findByKey('deal_1');

    // Assess
    expect(found).toHaveLength(2);
    expect(new URL(requests[0]?.url ?? '').searchParams.get('key')).toBe('deal_1');
  });

  it('reports a transaction delete on an unknown key as not_found rather than failing', async () => {
    // Prepare
    const { client } = clientAnswering(
      { status: 200, body: { status: 1 } },
      { status: 404, body: { message: 'Transaction not found' } },
    );

    // Act
    const first = await client.transactions.delete('deal_1');
    const second = await client.transactions.delete('deal_1');

    // Assess
    expect([first, second]).toEqual(['deleted', 'not_found']);
  });

  it('throws ProviderHttpError when getting a customer that does not exist', async () => {
    // Prepare
    const { client } = clientAnswering({ status: 404, body: { message: 'Customer not found' } });

    // Act
    const outcome = client.customers.get('missing');

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(ProviderHttpError);
  });

  it('verifies an API key as false on 401 and true on a listed page', async () => {
    // Prepare
    const { client } = clientAnswering(
      { status: 401, body: { message: 'Unauthenticated.' } },
      { status: 200, body: loadFixture('partner-list-page') },
    );

    // Act
    const results = [await client.verifyApiKey(), await client.verifyApiKey()];

    // Assess
    expect(results).toEqual([false, true]);
  });

  it('creates a webhook and returns its signing secret', async () => {
    // Prepare
    const { client, requests } = clientAnswering({ status: 201, body: loadFixture('webhook-create-response') });

    // Act
    const webhook = await client.webhooks.create({
      name: 'sync',
      url: 'https://sync.example/hook',
      events: ['partner.created'],
    });

    // Assess
    expect(webhook.signature).toBe('Sjn3sNnmh14yk6zb');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      name: 'sync',
      url: 'https://sync.example/hook',
      events: ['partner.created'],
    });
  });
});
