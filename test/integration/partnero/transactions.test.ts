import { programId, rawCall, useSimulator } from './simulator-harness';

describe('Partnero simulator and client: transactions and commission', () => {
  const world = useSimulator();
  let partnerId: string;

  beforeEach(() => {
    partnerId = world.simulator.control.partners.create(programId, { email: 'ann@example.com' }).id;
    world.simulator.control.customers.create(programId, {
      key: 'cust_1',
      email: 'carl@example.com',
      partner: { id: partnerId },
    });
  });

  /** Another program, set up with these options, with a partner and the customer it referred. */
  function anotherProgram(
    options: Parameters<typeof world.simulator.control.createProgram>[0],
    partnerEmail: string,
    customer: { key: string; email?: string },
  ) {
    const program = world.simulator.control.createProgram(options);
    const partner = world.simulator.control.partners.create(program.id, { email: partnerEmail });
    world.simulator.control.customers.create(program.id, { ...customer, partner: { id: partner.id } });
    return { program, partner };
  }

  /** Through the client, Carl's sale deal_1 of 100 EUR. */
  const saleOfDeal1 = () =>
    world.client.transactions.create({ key: 'deal_1', amount: 100, amount_units: 'EUR', customer: { key: 'cust_1' } });

  /** Posts a sale through the raw API under that program's API key. */
  const postSale = (sale: object, key: string) => rawCall(world.simulator, 'POST', '/transactions', sale, key);

  it("computes the program's percentage commission into rewards, unrounded", async () => {
    // Act
    const transaction = await world.client.transactions.create({
      key: 'deal_1',
      amount: 99.99,
      amount_units: 'USD',
      customer: { key: 'cust_1' },
    });

    // Assess
    expect(transaction).toMatchObject({ key: 'deal_1', amount: 99.99, customer: 'cust_1', partner: partnerId });
    expect(transaction.rewards).toEqual([
      expect.objectContaining({ amount: 29.997, amount_units: 'USD', partner: partnerId, status: 'ok' }),
    ]);
  });

  it('uses the commission rate the program is configured with', async () => {
    // Prepare
    world.simulator.control.setCommissionPercent(programId, 12.5);

    // Act
    const transaction = await world.client.transactions.create({
      key: 'deal_1',
      amount: 80,
      customer: { email: 'carl@example.com' },
    });

    // Assess
    expect(transaction.rewards?.[0]?.amount).toBe(10);
  });

  it('accepts a duplicate transaction key and pays the commission twice, as the real API does', async () => {
    // Act
    await saleOfDeal1();
    await saleOfDeal1();

    // Assess
    expect(await world.client.transactions.findByKey('deal_1')).toHaveLength(2);
    expect(world.simulator.control.commissionOf(programId, partnerId)).toEqual({ EUR: 60 });
  });

  it('rejects a duplicate key only in a program set up to be strict', async () => {
    // Prepare
    anotherProgram({ id: 'strict', apiKey: 'pk_strict', rejectDuplicateTransactionKeys: true }, 'x@example.com', {
      key: 'c',
    });
    await postSale({ key: 'deal_1', amount: 1, customer: { key: 'c' } }, 'pk_strict');

    // Act
    const second = await postSale({ key: 'deal_1', amount: 1, customer: { key: 'c' } }, 'pk_strict');

    // Assess
    expect(second).toMatchObject({ status: 422, json: { message: 'Duplicate key' } });
  });

  it('reverses the reward when the transaction is deleted by its key', async () => {
    // Prepare
    await saleOfDeal1();

    // Act
    const outcome = await world.client.transactions.delete('deal_1');

    // Assess
    expect(outcome).toBe('deleted');
    expect(world.simulator.control.commissionOf(programId, partnerId)).toEqual({});
    expect(await world.client.transactions.findByKey('deal_1')).toEqual([]);
    const [stored] = world.simulator.control.transactions.list(programId);
    expect(stored?.deleted_at).not.toBeNull();
    expect(stored?.rewards[0]).toMatchObject({ status: 'reversed', amount: 30 });
  });

  it('deletes by a key in the body too', async () => {
    // Prepare
    await world.client.transactions.create({ key: 'deal_1', amount: 100, customer: { key: 'cust_1' } });

    // Act
    const response = await rawCall(world.simulator, 'DELETE', '/transactions', { key: 'deal_1' });

    // Assess
    expect(response.json).toEqual({ status: 1 });
    expect(world.simulator.control.commissionOf(programId, partnerId)).toEqual({});
  });

  it('records no reward for rewardable:false and the given reward for reward', async () => {
    // Act
    const unpaid = await world.client.transactions.create({
      key: 'deal_1',
      amount: 100,
      rewardable: false,
      customer: { key: 'cust_1' },
    });
    const fixed = await world.client.transactions.create({ key: 'deal_2', reward: 7, customer: { key: 'cust_1' } });

    // Assess
    expect(unpaid.rewards).toEqual([]);
    expect(fixed.rewards?.[0]?.amount).toBe(7);
  });

  it('refuses a transaction without amount or reward', async () => {
    // Act
    const response = await rawCall(world.simulator, 'POST', '/transactions', {
      key: 'deal_1',
      customer: { key: 'cust_1' },
    });

    // Assess
    expect(response.status).toBe(422);
    expect(response.json.errors).toHaveProperty('amount');
  });

  it('creates the customer on the fly with options.create_customer', async () => {
    // Act
    const response = await rawCall(world.simulator, 'POST', '/transactions', {
      key: 'deal_1',
      amount: 10,
      customer: { key: 'cust_new', email: 'new@example.com', partner: { id: partnerId } },
      options: { create_customer: true },
    });

    // Assess
    expect(response.status).toBe(201);
    expect((await world.client.customers.get('cust_new')).partner).toBe(partnerId);
  });

  it('records every item of a bulk transactions[] request', async () => {
    // Act
    const response = await rawCall(world.simulator, 'POST', '/transactions', {
      customer: { key: 'cust_1' },
      transactions: [
        { key: 'deal_1', amount: 10, action: 'sale' },
        { key: 'deal_2', amount: 20, action: 'sale' },
      ],
    });

    // Assess
    expect((response.json.data as { key: string }[]).map((transaction) => transaction.key)).toEqual([
      'deal_1',
      'deal_2',
    ]);
    expect(world.simulator.control.commissionOf(programId, partnerId)).toEqual({ USD: 9 });
  });

  it('gets a transaction by key with its rewards', async () => {
    // Prepare
    await world.client.transactions.create({ key: 'deal_1', amount: 10, customer: { key: 'cust_1' } });

    // Act
    const transaction = await world.client.transactions.get('deal_1');

    // Assess
    expect(transaction.rewards?.[0]?.amount).toBe(3);
  });

  it('stops counting the commission of an archived transaction until it is restored', async () => {
    // Prepare
    await world.client.transactions.create({ key: 'deal_1', amount: 10, customer: { key: 'cust_1' } });

    // Act
    const archived = await world.client.transactions.archive('deal_1');
    const whileArchived = world.simulator.control.commissionOf(programId, partnerId);
    const restored = await world.client.transactions.restore('deal_1');

    // Assess
    expect([archived, restored]).toEqual(['archived', 'restored']);
    expect(whileArchived).toEqual({});
    expect(world.simulator.control.commissionOf(programId, partnerId)).toEqual({ USD: 3 });
    expect(await world.client.transactions.get('deal_1')).toMatchObject({
      deleted_at: null,
      rewards: [expect.objectContaining({ status: 'ok', deleted_at: null, amount: 3 })],
    });
  });

  it('hides an archived transaction from GET and the list by default, like a deleted one, and answers its documented errors', async () => {
    // Prepare
    await world.client.transactions.create({ key: 'deal_1', amount: 10, customer: { key: 'cust_1' } });
    await world.client.transactions.archive('deal_1');

    // Act
    const get = await rawCall(world.simulator, 'GET', '/transactions/deal_1');
    const listed = await world.client.transactions.findByKey('deal_1');
    const archiveAgain = await rawCall(world.simulator, 'POST', '/transactions/deal_1/archive');
    const unknown = await rawCall(world.simulator, 'POST', '/transactions/no_such_key/archive');
    await world.client.transactions.restore('deal_1');
    const restoreAgain = await rawCall(world.simulator, 'POST', '/transactions/deal_1/revoke-archive');

    // Assess
    expect(get.status).toBe(404);
    expect(listed).toEqual([]);
    expect(archiveAgain).toMatchObject({ status: 400, json: { message: 'Action failed' } });
    expect(unknown).toMatchObject({ status: 404 });
    expect(restoreAgain).toMatchObject({ status: 400, json: { message: 'Action failed' } });
    expect(await world.client.transactions.findByKey('deal_1')).toHaveLength(1);
    // No webhook is documented for either action.
    expect(world.simulator.control.transactions.list(programId).map((transaction) => transaction.archived)).toEqual([
      false,
    ]);
  });

  it('shows an archived transaction with deleted_at on it and its rewards when the program is set up that way', async () => {
    // Prepare
    const { program: readable, partner } = anotherProgram(
      { id: 'readable', apiKey: 'pk_readable', archivedTransactionsReadable: true },
      'rea@example.com',
      {
        key: 'cust_r',
        email: 'r@example.com',
      },
    );
    await postSale({ key: 'deal_r', amount: 10, customer: { key: 'cust_r' } }, 'pk_readable');

    // Act
    await rawCall(world.simulator, 'POST', '/transactions/deal_r/archive', undefined, 'pk_readable');
    const get = await rawCall(world.simulator, 'GET', '/transactions/deal_r', undefined, 'pk_readable');

    // Assess
    expect(get.status).toBe(200);
    expect(get.json).toMatchObject({
      data: {
        key: 'deal_r',
        deleted_at: expect.any(String),
        rewards: [expect.objectContaining({ deleted_at: expect.any(String) })],
      },
    });
    expect(world.simulator.control.commissionOf(readable.id, partner.id)).toEqual({});
  });
});
