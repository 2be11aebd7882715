import { attioSyncAttributeSlugs as slugs } from '../../../shared/programs/attio-sync-attributes';
import type { AttioRecordJson } from './chaos-oracle';
import { startCalmWorld } from './calm-world';
import type { ChaosWorld } from './chaos-world';

/**
 * Both directions at once without chaos, one step at a time: what the large soak found going
 * wrong when a deal made in Attio goes in and out of the won stage, replayed deterministically.
 */
describe('a deal made in Attio, moved in and out of won', () => {
  let world: ChaosWorld;
  beforeAll(async () => {
    world = await startCalmWorld(1);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('pays while won, reverses when moved out by archiving the one transaction, and never moves the sales team’s deal itself', async () => {
    // Prepare
    const { partnero, attio, program } = world;
    const partner = partnero.control.partners.create(program.partneroProgramId, {
      email: 'pat@affiliates.test',
      name: 'Pat',
      surname: 'Partner',
    });
    partnero.control.customers.create(program.partneroProgramId, {
      key: 'cust-1',
      email: 'bea@buyers.test',
      name: 'Bea',
      surname: 'Buyer',
      partner: { id: partner.id },
    });
    await world.drain(20_000);
    const person = (attio.control.records('people', program.workspaceId) as AttioRecordJson[]).find(
      (record) => record.values[slugs.customerKey]?.[0]?.value === 'cust-1',
    );
    const asMember = { workspaceId: program.workspaceId, memberId: program.memberId };
    const owner = attio.control
      .members(program.workspaceId)
      .find((member) => member.id.workspace_member_id === program.memberId)?.email_address as string;
    const deal = attio.control.createRecordAsMember(
      'deals',
      {
        name: 'Deal 1',
        stage: program.stageIds.lead,
        owner,
        value: 120,
        associated_people: [{ target_object: 'people', target_record_id: person?.id.record_id as string }],
      },
      asMember,
    ) as AttioRecordJson;
    const dealId = deal.id.record_id;
    const liveTransactions = () =>
      partnero.control.transactions
        .list(program.partneroProgramId)
        .filter((transaction) => transaction.key === dealId && !transaction.deleted_at).length;
    const stageOf = () =>
      (attio.control.record('deals', dealId, program.workspaceId) as AttioRecordJson).values.stage?.find(
        (value) => !value.active_until,
      )?.status as { id: { status_id: string } };
    const steps: { stage: string; live: number; stageKept: boolean }[] = [];

    // Act
    for (const stage of ['won', 'lead', 'won', 'lead', 'won', 'lost'] as const) {
      attio.control.updateRecordAsMember('deals', dealId, { stage: program.stageIds[stage] }, asMember);
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
    const { partnero, attio, program } = world;
    const person = (attio.control.records('people', program.workspaceId) as AttioRecordJson[]).find(
      (record) => record.values[slugs.customerKey]?.[0]?.value === 'cust-1',
    );
    const asMember = { workspaceId: program.workspaceId, memberId: program.memberId };
    const owner = attio.control
      .members(program.workspaceId)
      .find((member) => member.id.workspace_member_id === program.memberId)?.email_address as string;
    const dealId = (
      attio.control.createRecordAsMember(
        'deals',
        {
          name: 'Deal 2',
          stage: program.stageIds.won,
          owner,
          value: 80,
          associated_people: [{ target_object: 'people', target_record_id: person?.id.record_id as string }],
        },
        asMember,
      ) as AttioRecordJson
    ).id.record_id;
    await world.drain(20_000);
    const liveTransactions = () =>
      partnero.control.transactions
        .list(program.partneroProgramId)
        .filter((transaction) => transaction.key === dealId && !transaction.deleted_at).length;
    const paid = liveTransactions();

    // Act: moved out of won; Partnero archives the transaction but the answer is lost; won again before the retry.
    const cutsBefore = world.proxies.partnero.figures.timeouts;
    world.proxies.partnero.cutNext('POST', `/v1/transactions/${dealId}/archive`);
    attio.control.updateRecordAsMember('deals', dealId, { stage: program.stageIds.lead }, asMember);
    const deadline = Date.now() + 10_000;
    while (world.proxies.partnero.figures.timeouts === cutsBefore && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    attio.control.updateRecordAsMember('deals', dealId, { stage: program.stageIds.won }, asMember);
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
