import { attioSyncAttributeSlugs as slugs } from '../../../shared/programs/attio-sync-attributes';
import type { AttioRecordJson } from '../chaos/chaos-oracle';
import {
  createDealFor,
  createPartner,
  moveDeal,
  personOfCustomer,
  referCustomer,
  sellToCustomer,
  useCalmWorld,
} from '../chaos/calm-scenario';

/**
 * Both directions on the local stack (real routes, queues, workers; both simulators): the Attio
 * deal of a sale shows the commission Partnero computed for it, whichever side the sale began on,
 * and writing it never turns into a second transaction.
 */
describe('the commission shows on the deal', () => {
  const calmWorld = useCalmWorld(7);

  function current(record: AttioRecordJson, slug: string): unknown {
    const value = record.values[slug]?.find((entry) => !entry.active_until) as { value?: unknown } | undefined;
    return value?.value;
  }
  function deal(recordId: string): AttioRecordJson {
    const world = calmWorld();
    return world.attio.control.record('deals', recordId, world.program.workspaceId) as AttioRecordJson;
  }

  it('writes amount, currency, partner, key and status to a deal won in Attio, and creates exactly one transaction', async () => {
    // Prepare
    const world = calmWorld();
    const { partnero, program } = world;
    const partner = createPartner(world, 'Cora', 'cora@affiliates.test');
    referCustomer(world, partner, { key: 'cust-won', email: 'wes@buyers.test', name: 'Wes', surname: 'Buyer' });
    await world.drain(20_000);
    const person = personOfCustomer(world, 'cust-won');
    const created = createDealFor(world, person, { name: 'Big deal', stage: program.stageIds.lead, value: 500 });
    const dealId = created.id.record_id;
    await world.drain(20_000);

    // Act
    moveDeal(world, dealId, 'won');
    await world.drain(20_000);
    await world.drain(20_000);

    // Assess: 20 % of 500, as the simulated program computes it.
    const shown = deal(dealId);
    expect(current(shown, slugs.commissionAmount)).toBe(100);
    expect(current(shown, slugs.commissionCurrency)).toBe('USD');
    expect(current(shown, slugs.commissionPartner)).toBe(partner.id);
    expect(current(shown, slugs.commissionStatus)).toBe('ok');
    expect(current(shown, slugs.transactionKey)).toBe(dealId);
    // The commission write came back as Attio events; none of them paid again.
    expect(
      partnero.control.transactions.list(program.partneroProgramId).filter((transaction) => transaction.key === dealId),
    ).toHaveLength(1);
    // The sales team's stage and value are untouched.
    expect(shown.values.stage?.find((value) => !value.active_until)?.status).toMatchObject({
      id: { status_id: program.stageIds.won },
    });
  });

  it('writes the commission of a Partnero sale to its new deal, and marks it reversed on the refund', async () => {
    // Prepare
    const world = calmWorld();
    const { partnero, attio, program } = world;
    const partner = createPartner(world, 'Dan', 'dan@affiliates.test');
    referCustomer(world, partner, { key: 'cust-sale', email: 'sal@buyers.test', name: 'Sal', surname: 'Buyer' });
    await world.drain(20_000);

    // Act
    sellToCustomer(world, 'cust-sale', { key: 'sale-1', amount: 80 });
    await world.drain(20_000);
    const saleDeal = (attio.control.records('deals', program.workspaceId) as AttioRecordJson[]).find(
      (record) => current(record, slugs.transactionKey) === 'sale-1',
    );
    partnero.control.transactions.delete(program.partneroProgramId, 'sale-1');
    await world.drain(20_000);

    // Assess
    expect(saleDeal).toBeDefined();
    expect(current(saleDeal as AttioRecordJson, slugs.commissionAmount)).toBe(16);
    expect(current(saleDeal as AttioRecordJson, slugs.commissionCurrency)).toBe('USD');
    expect(current(saleDeal as AttioRecordJson, slugs.commissionPartner)).toBe(partner.id);
    expect(current(saleDeal as AttioRecordJson, slugs.commissionStatus)).toBe('ok');
    expect(current(deal((saleDeal as AttioRecordJson).id.record_id), slugs.commissionStatus)).toBe('reversed');
    // The deal the sync opened for the sale never became a transaction of its own.
    expect(
      partnero.control.transactions
        .list(program.partneroProgramId)
        .filter((transaction) => transaction.key === (saleDeal as AttioRecordJson).id.record_id),
    ).toEqual([]);
  });
});
