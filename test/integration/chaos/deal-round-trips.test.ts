import type { AttioRecordJson } from './chaos-oracle';
import {
  createDealFor,
  createPartner,
  liveTransactionsOf,
  moveDeal,
  personOfCustomer,
  referCustomer,
  useCalmWorld,
} from './calm-scenario';

/**
 * Both directions at once without chaos, one step at a time: what the large soak found going
 * wrong when a deal made in Attio goes in and out of the won stage, replayed deterministically.
 */
describe('a deal made in Attio, moved in and out of won', () => {
  const calmWorld = useCalmWorld(1);

  it('pays while won, reverses when moved out by archiving the one transaction, and never moves the sales team’s deal itself', async () => {
    // Prepare
    const world = calmWorld();
    const { partnero, attio, program } = world;
    const partner = createPartner(world, 'Pat', 'pat@affiliates.test');
    referCustomer(world, partner, { key: 'cust-1', email: 'bea@buyers.test', name: 'Bea', surname: 'Buyer' });
    await world.drain(20_000);
    const person = personOfCustomer(world, 'cust-1');
    const deal = createDealFor(world, person, { name: 'Deal 1', stage: program.stageIds.lead, value: 120 });
    const dealId = deal.id.record_id;
    const liveTransactions = () => liveTransactionsOf(world, dealId).length;
    const stageOf = () =>
      (attio.control.record('deals', dealId, program.workspaceId) as AttioRecordJson).values.stage?.find(
        (value) => !value.active_until,
      )?.status as { id: { status_id: string } };
    const steps: { stage: string; live: number; stageKept: boolean }[] = [];

    // Act
    for (const stage of ['won', 'lead', 'won', 'lead', 'won', 'lost'] as const) {
      moveDeal(world, dealId, stage);
      await world.drain(20_000);
      steps.push({ stage, live: liveTransactions(), stageKept: stageOf().id.status_id === program.stageIds[stage] });
    }

    // Assess
    expect(steps).toEqual([
      { stage: 'won', live: 1, stageKept: true },
      { stage: 'lead', live: 0, stageKept: true },
      { stage: 'won', live: 1, stageKept: true },
      { stage: 'lead', live: 0, stageKept: true },
      { stage: 'won', live: 1, stageKept: true },
      { stage: 'lost', live: 0, stageKept: true },
    ]);
    // One Partnero transaction for the deal through every flip: archived when unwon, restored when won again.
    expect(
      partnero.control.transactions.list(program.partneroProgramId).filter((transaction) => transaction.key === dealId),
    ).toEqual([expect.objectContaining({ archived: true })]);
  });

  // Found by the chaos soak (a won deal without its commission): a reversal whose answer is lost
  // must not look like one that never happened. The reversal is recorded (`archiving`) before
  // Partnero is asked to archive, and a re-win restores the archived transaction.
  it('keeps the commission of a deal won again while the reversal of its previous win was in doubt', async () => {
    // Prepare
    const world = calmWorld();
    const { partnero, program } = world;
    const person = personOfCustomer(world, 'cust-1');
    const dealId = createDealFor(world, person, { name: 'Deal 2', stage: program.stageIds.won, value: 80 }).id
      .record_id;
    await world.drain(20_000);
    const liveTransactions = () => liveTransactionsOf(world, dealId).length;
    const paid = liveTransactions();

    // Act: moved out of won; Partnero archives the transaction but the answer is lost; won again before the retry.
    const cutsBefore = world.proxies.partnero.figures.timeouts;
    world.proxies.partnero.cutNext('POST', `/v1/transactions/${dealId}/archive`);
    moveDeal(world, dealId, 'lead');
    const deadline = Date.now() + 10_000;
    while (world.proxies.partnero.figures.timeouts === cutsBefore && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    moveDeal(world, dealId, 'won');
    await world.drain(20_000);

    // Assess
    const recorded = partnero.control.transactions
      .list(program.partneroProgramId)
      .filter((transaction) => transaction.key === dealId).length;
    expect({
      paid,
      archiveAnswerLost: world.proxies.partnero.figures.timeouts - cutsBefore,
      liveAtTheEnd: liveTransactions(),
      recorded,
    }).toEqual({ paid: 1, archiveAnswerLost: 1, liveAtTheEnd: 1, recorded: 1 });
  });
});
