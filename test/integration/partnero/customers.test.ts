import { ProviderHttpError } from '../../../shared/errors';
import { programId, rawCall, rejectionOf, useSimulator } from './simulator-harness';

describe('Partnero simulator and client: customers', () => {
  const world = useSimulator();
  let partnerId: string;

  beforeEach(() => {
    partnerId = world.simulator.control.partners.create(programId, { email: 'ann@example.com', key: 'ann-ref' }).id;
  });

  it('creates a customer whose partner is answered as the partner id', async () => {
    // Act
    const customer = await world.client.customers.create({
      key: 'cust_1',
      email: 'carl@example.com',
      partner: { key: 'ann-ref' },
    });

    // Assess
    expect(customer).toMatchObject({
      key: 'cust_1',
      email: 'carl@example.com',
      partner: partnerId,
      deleted: false,
      deleted_at: null,
    });
  });

  it('refuses a duplicate customer key with 422 "Duplicate key"', async () => {
    // Prepare
    await world.client.customers.create({ key: 'cust_1', partner: { id: partnerId } });

    // Act
    const error = await rejectionOf(
      world.client.customers.create({ key: 'cust_1', email: 'other@example.com', partner: { id: partnerId } }),
    );

    // Assess
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect((error as ProviderHttpError).status).toBe(422);
    expect((error as ProviderHttpError).providerMessage).toContain('Duplicate key');
    expect(world.simulator.control.customers.list(programId)).toHaveLength(1);
  });

  it('refuses an unknown partner with 400 "Invalid partner key"', async () => {
    // Act
    const response = await rawCall(world.simulator, 'POST', '/customers', {
      key: 'cust_1',
      partner: { key: 'nobody' },
    });

    // Assess
    expect(response).toMatchObject({ status: 400, json: { message: 'Invalid partner key' } });
  });

  it('requires a partner in an affiliate program', async () => {
    // Act
    const response = await rawCall(world.simulator, 'POST', '/customers', { key: 'cust_1', email: 'carl@example.com' });

    // Assess
    expect(response.status).toBe(422);
    expect(response.json.errors).toHaveProperty('partner');
  });

  it('gets a customer by key and by email, and finds none for an unknown one', async () => {
    // Prepare
    await world.client.customers.create({ key: 'cust_1', email: 'carl@example.com', partner: { id: partnerId } });

    // Act
    const byKey = await world.client.customers.get('cust_1');
    const byEmail = await world.client.customers.get('carl@example.com');
    const unknown = await world.client.customers.find('nobody@example.com');

    // Assess
    expect([byKey.key, byEmail.key]).toEqual(['cust_1', 'cust_1']);
    expect(unknown).toBeUndefined();
  });

  it('searches customers by email', async () => {
    // Prepare
    await world.client.customers.create({ key: 'cust_1', email: 'carl@example.com', partner: { id: partnerId } });
    await world.client.customers.create({ key: 'cust_2', email: 'dora@example.com', partner: { id: partnerId } });

    // Act
    const matches = await world.client.customers.searchByEmail('dora@example.com');

    // Assess
    expect(matches.map((customer) => customer.key)).toEqual(['cust_2']);
  });

  it('updates with the {update} body on the key path and with a flat body naming the key', async () => {
    // Prepare
    await world.client.customers.create({
      key: 'cust_1',
      email: 'carl@example.com',
      tags: ['a'],
      partner: { id: partnerId },
    });

    // Act
    const wrapped = await world.client.customers.update('cust_1', { name: 'Carl', tags: [] });
    const flat = await rawCall(world.simulator, 'PUT', '/customers', { key: 'cust_1', email: 'carl.new@example.com' });

    // Assess
    expect(wrapped).toMatchObject({ name: 'Carl', tags: [] });
    expect(flat.json.data).toMatchObject({ key: 'cust_1', name: 'Carl', email: 'carl.new@example.com' });
  });

  it('deletes a customer permanently, and a second delete is not_found', async () => {
    // Prepare
    await world.client.customers.create({ key: 'cust_1', partner: { id: partnerId } });

    // Act
    const outcomes = [await world.client.customers.delete('cust_1'), await world.client.customers.delete('cust_1')];

    // Assess
    expect(outcomes).toEqual(['deleted', 'not_found']);
    expect(await world.client.customers.find('cust_1')).toBeUndefined();
  });

  it('filters the customer list by partner under every documented spelling', async () => {
    // Prepare
    const other = world.simulator.control.partners.create(programId, { email: 'bo@example.com', key: 'bo-ref' });
    await world.client.customers.create({ key: 'cust_ann', partner: { id: partnerId } });
    await world.client.customers.create({ key: 'cust_bo', partner: { id: other.id } });

    // Act
    const keysFor = async (query: string) =>
      ((await rawCall(world.simulator, 'GET', `/customers?${query}`)).json.data as { key: string }[]).map((c) => c.key);
    const results = [
      await keysFor('partner.key=bo-ref'),
      await keysFor('partner_key=bo-ref'),
      await keysFor('partner_email=ann%40example.com'),
    ];
    const viaClient = await world.client.customers.listPage({ partnerKey: 'ann-ref' });

    // Assess
    expect(results).toEqual([['cust_bo'], ['cust_bo'], ['cust_ann']]);
    expect(viaClient.items.map((customer) => customer.key)).toEqual(['cust_ann']);
  });
});
