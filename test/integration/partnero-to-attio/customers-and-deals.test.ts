import type { JsonObject } from '../../../simulators/partnero/model/field-errors';
import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import * as syncWorld from './sync-world';
import { partneroToAttioWorld } from './world-per-file';

describe('Partnero customers and sales reach Attio', () => {
  const world = partneroToAttioWorld();

  /** A customer in the program's Partnero, referred by a partner of their own. */
  const referredCustomer = (
    program: syncWorld.ConnectedProgram,
    customer: { key: string; email: string } & JsonObject,
  ) => {
    const partner = world.partnero.control.partners.create(program.programId, { email: 'p@example.com' });
    world.partnero.control.customers.create(program.programId, { ...customer, partner: { id: partner.id } });
  };
  /** A sale in the program's Partnero, made by the customer with that key. */
  const saleOf = (
    program: syncWorld.ConnectedProgram,
    customerKey: string,
    sale: { key: string; amount: number } & JsonObject,
  ) => world.partnero.control.transactions.create(program.programId, { ...sale, customer: { key: customerKey } });

  it('writes nothing for customers while customer sync is off, not even a person for their sale', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world);
    const partner = world.partnero.control.partners.create(program.programId, { email: 'p@example.com', name: 'Pat' });
    // Act
    world.partnero.control.customers.create(program.programId, {
      key: 'cust-1',
      email: 'carol@example.com',
      name: 'Carol',
      partner: { id: partner.id },
    });
    world.partnero.control.customers.update(program.programId, 'cust-1', { surname: 'Jones' });
    saleOf(program, 'cust-1', { key: 'sale-1', amount: 120 });
    await syncWorld.settle(world);
    // Assess
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people.map((person) => syncWorld.textOf(person, syncAttributeSlugs.partnerId))).toEqual([partner.id]);
    expect(
      (await syncWorld.auditOf(world, program.programId, 'customer:cust-1')).map((entry) => entry.outcome),
    ).toEqual(['skipped-by-settings', 'skipped-by-settings']);
    const [deal] = syncWorld.recordsOf(world, program, 'deals');
    expect(syncWorld.valuesOf(deal, 'associated_people')).toEqual([]);
  });

  it('writes a customer person, updates it, and keeps it marked deleted once Partnero deletes the customer', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, syncWorld.customersOn);
    referredCustomer(program, { key: 'cust-2', email: 'dan@example.com', name: 'Dan' });
    await syncWorld.settle(world);
    // Act
    world.partnero.control.customers.update(program.programId, 'cust-2', { surname: 'Brown' });
    await syncWorld.settle(world);
    world.partnero.control.customers.delete(program.programId, 'cust-2');
    await syncWorld.settle(world);
    // Assess
    const person = syncWorld
      .recordsOf(world, program, 'people')
      .find((candidate) => syncWorld.textOf(candidate, syncAttributeSlugs.customerKey) === 'cust-2');
    expect(syncWorld.valuesOf(person, 'name')[0]).toMatchObject({ full_name: 'Dan Brown' });
    expect(syncWorld.textOf(person, syncAttributeSlugs.customerStatus)).toBe('deleted');
    expect(
      (await syncWorld.auditOf(world, program.programId, 'customer:cust-2')).map((entry) => entry.outcome),
    ).toEqual(['applied', 'applied', 'applied']);
  });

  it('creates the deal of a sale with name, value, won stage, owner and the customer person', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, syncWorld.customersOn);
    referredCustomer(program, { key: 'cust-3', email: 'eve@example.com', name: 'Eve', surname: 'Stone' });
    // Act
    saleOf(program, 'cust-3', { key: 'sale-3', amount: 99.99, amount_units: 'USD' });
    await syncWorld.settle(world);
    // Assess
    const deals = syncWorld.recordsOf(world, program, 'deals');
    expect(deals).toHaveLength(1);
    const deal = deals[0];
    const person = syncWorld
      .recordsOf(world, program, 'people')
      .find((candidate) => syncWorld.textOf(candidate, syncAttributeSlugs.customerKey) === 'cust-3');
    expect(syncWorld.textOf(deal, 'name')).toBe('Eve Stone — 99.99 USD');
    expect(syncWorld.valuesOf(deal, 'value')[0]).toMatchObject({ currency_value: 99.99, currency_code: 'USD' });
    expect((syncWorld.valuesOf(deal, 'stage')[0]?.status as { title: string }).title).toBe('Won 🎉');
    expect(syncWorld.valuesOf(deal, 'owner')[0]).toMatchObject({
      referenced_actor_type: 'workspace-member',
      referenced_actor_id: program.memberIds[0],
    });
    expect(syncWorld.valuesOf(deal, 'associated_people').map((value) => value.target_record_id)).toEqual([
      person?.id.record_id,
    ]);
    expect([
      syncWorld.textOf(deal, syncAttributeSlugs.transactionKey),
      syncWorld.textOf(deal, syncAttributeSlugs.source),
      syncWorld.textOf(deal, syncAttributeSlugs.transactionCurrency),
    ]).toEqual(['sale-3', 'Partnero', 'USD']);
    expect(await syncWorld.linkOf(world, program.programId, 'transaction', 'sale-3')).toMatchObject({
      attioObject: 'deals',
      attioRecordId: deal?.id.record_id,
    });
  });

  it('keeps a sale in another currency out of the deal value and carries its currency', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, {
      configure: (settings, workspace) => {
        settings.deals.ownerWorkspaceMemberId = workspace.memberIds[1] ?? null;
      },
    });
    referredCustomer(program, { key: 'cust-4', email: 'fay@example.com' });
    // Act
    saleOf(program, 'cust-4', { key: 'sale-4', amount: 250, amount_units: 'EUR' });
    await syncWorld.settle(world);
    // Assess
    const [deal] = syncWorld.recordsOf(world, program, 'deals');
    expect(syncWorld.textOf(deal, 'name')).toBe('fay@example.com — 250.00 EUR');
    expect(syncWorld.valuesOf(deal, 'value')).toEqual([]);
    expect(syncWorld.textOf(deal, syncAttributeSlugs.transactionCurrency)).toBe('EUR');
    expect(syncWorld.valuesOf(deal, 'owner')[0]?.referenced_actor_id).toBe(program.memberIds[1]);
    const [entry] = await syncWorld.auditOf(world, program.programId, 'transaction:sale-4');
    expect(entry?.reason).toContain('value left empty: the amount is in EUR, the attribute in USD');
  });

  it('moves the deal of a refunded sale to Lost and marks it refunded, without deleting it', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world);
    referredCustomer(program, { key: 'cust-5', email: 'gus@example.com' });
    saleOf(program, 'cust-5', { key: 'sale-5', amount: 40 });
    await syncWorld.settle(world);
    // Act
    world.partnero.control.transactions.delete(program.programId, 'sale-5');
    await syncWorld.settle(world);
    // Assess
    const deals = syncWorld.recordsOf(world, program, 'deals');
    expect(deals).toHaveLength(1);
    expect((syncWorld.valuesOf(deals[0], 'stage')[0]?.status as { title: string }).title).toBe('Lost');
    expect(syncWorld.textOf(deals[0], syncAttributeSlugs.transactionStatus)).toBe('refunded');
    expect(
      (await syncWorld.auditOf(world, program.programId, 'transaction:sale-5'))
        .map((entry) => [entry.sourceEvent, entry.outcome])
        .reverse(),
    ).toEqual([
      ['transaction.created', 'applied'],
      ['transaction.deleted', 'applied'],
    ]);
  });
});
