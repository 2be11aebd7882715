import { attioSyncAttributeSlugs as slugs } from '../../../shared/programs/attio-sync-attributes';
import type { AttioRecordJson } from './chaos-oracle';
import {
  createDealFor,
  createPartner,
  liveTransactionsOf,
  moveDeal,
  referCustomer,
  useCalmWorld,
} from './calm-scenario';

/**
 * Both directions, without chaos: Attio compares emails in their normalised form, so a second
 * Partnero customer whose email differs only in case collides with the first customer's person.
 * The person is never taken over: the second customer's event is a conflict in the sync
 * history, and the deal the sales team wins for that person pays the first customer's partner.
 */
describe('a second customer whose email differs only in case', () => {
  const calmWorld = useCalmWorld(7);

  it('is a conflict, leaves the first customer its person, and the won deal pays the first partner only', async () => {
    // Prepare
    const world = calmWorld();
    const { partnero, attio, program } = world;
    const first = createPartner(world, 'First', 'first@affiliates.test');
    const second = createPartner(world, 'Second', 'second@affiliates.test');
    referCustomer(world, first, { key: 'cust-a', email: 'bea@buyers.test', name: 'Bea', surname: 'Buyer' });
    await world.drain(20_000);

    // Act
    referCustomer(world, second, { key: 'cust-b', email: 'Bea@Buyers.test', name: 'Bea', surname: 'Other' });
    await world.drain(20_000);
    const people = attio.control.records('people', program.workspaceId) as AttioRecordJson[];
    const person = people.find((record) =>
      record.values[slugs.customerKey]?.some((value) => !value.active_until && value.value === 'cust-a'),
    );
    const deal = createDealFor(world, person, { name: 'Deal for Bea', stage: program.stageIds.lead, value: 100 });
    moveDeal(world, deal.id.record_id, 'won');
    await world.drain(20_000);

    // Assess
    const conflicts = (await world.audit.listRecent(program.programId, { outcome: 'conflict', limit: 10 })).entries;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      direction: 'partnero-to-attio',
      sourceRecord: 'customer:cust-b',
      targetRecord: `attio:people:${person?.id.record_id}`,
    });
    expect(conflicts[0]?.reason).toMatch(/belongs to customer cust-a; customer cust-b was not linked/);
    expect(
      people.filter((record) =>
        record.values.email_addresses?.some((value) => value.email_address === 'bea@buyers.test'),
      ),
    ).toHaveLength(1);
    expect(
      person?.values[slugs.customerKey]?.filter((value) => !value.active_until).map((value) => value.value),
    ).toEqual(['cust-a']);
    const transactions = liveTransactionsOf(world, deal.id.record_id);
    expect(transactions.map((transaction) => transaction.customer)).toEqual(['cust-a']);
    expect(partnero.control.commissionOf(program.partneroProgramId, first.id).USD ?? 0).toBeGreaterThan(0);
    expect(partnero.control.commissionOf(program.partneroProgramId, second.id)).toEqual({});
  });
});
