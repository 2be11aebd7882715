import { attioSyncAttributeSlugs as slugs } from '../../../shared/programs/attio-sync-attributes';
import type { AttioRecordJson } from './chaos-oracle';
import { startCalmWorld } from './calm-world';
import type { ChaosWorld } from './chaos-world';

/**
 * Both directions, without chaos: Attio compares emails in their normalised form, so a second
 * Partnero customer whose email differs only in case collides with the first customer's person.
 * The person is never taken over: the second customer's event is a conflict in the sync
 * history, and the deal the sales team wins for that person pays the first customer's partner.
 */
describe('a second customer whose email differs only in case', () => {
  let world: ChaosWorld;
  beforeAll(async () => {
    world = await startCalmWorld(7);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('is a conflict, leaves the first customer its person, and the won deal pays the first partner only', async () => {
    // Prepare
    const { partnero, attio, program } = world;
    const first = partnero.control.partners.create(program.partneroProgramId, {
      email: 'first@affiliates.test',
      name: 'First',
      surname: 'Partner',
    });
    const second = partnero.control.partners.create(program.partneroProgramId, {
      email: 'second@affiliates.test',
      name: 'Second',
      surname: 'Partner',
    });
    partnero.control.customers.create(program.partneroProgramId, {
      key: 'cust-a',
      email: 'bea@buyers.test',
      name: 'Bea',
      surname: 'Buyer',
      partner: { id: first.id },
    });
    await world.drain(20_000);

    // Act
    partnero.control.customers.create(program.partneroProgramId, {
      key: 'cust-b',
      email: 'Bea@Buyers.test',
      name: 'Bea',
      surname: 'Other',
      partner: { id: second.id },
    });
    await world.drain(20_000);
    const people = attio.control.records('people', program.workspaceId) as AttioRecordJson[];
    const person = people.find((record) =>
      record.values[slugs.customerKey]?.some((value) => !value.active_until && value.value === 'cust-a'),
    );
    const owner = attio.control
      .members(program.workspaceId)
      .find((member) => member.id.workspace_member_id === program.memberId)?.email_address as string;
    const asMember = { workspaceId: program.workspaceId, memberId: program.memberId };
    const deal = attio.control.createRecordAsMember(
      'deals',
      {
        name: 'Deal for Bea',
        stage: program.stageIds.lead,
        owner,
        value: 100,
        associated_people: [{ target_object: 'people', target_record_id: person?.id.record_id as string }],
      },
      asMember,
    ) as AttioRecordJson;
    attio.control.updateRecordAsMember('deals', deal.id.record_id, { stage: program.stageIds.won }, asMember);
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
    const transactions = partnero.control.transactions
      .list(program.partneroProgramId)
      .filter((transaction) => transaction.key === deal.id.record_id && !transaction.deleted_at);
    expect(transactions.map((transaction) => transaction.customer)).toEqual(['cust-a']);
    expect(partnero.control.commissionOf(program.partneroProgramId, first.id).USD ?? 0).toBeGreaterThan(0);
    expect(partnero.control.commissionOf(program.partneroProgramId, second.id)).toEqual({});
  });
});
