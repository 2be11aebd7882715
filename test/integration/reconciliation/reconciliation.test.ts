import { createPartneroClient } from '../../../shared/partnero/partnero-client';
import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import {
  ReconciliationReports,
  type ReconciliationSummary,
} from '../../../shared/reconciliation/reconciliation-report';
import * as syncWorld from '../partnero-to-attio/sync-world';
import { startBackfillWorld, type BackfillWorld } from '../backfill/backfill-world';
import { reconcileOneProgram } from './reconcile-one-program';
import {
  aMemberDeal,
  aMemberPerson,
  aPartnerAndBuyer,
  aProgramWithWonStage,
  aSale,
  emailOf,
  quickRetries,
  somePartners,
  withCustomers,
} from './lost-webhook-records';

describe('reconciliation', () => {
  let backfill: BackfillWorld;
  let reports: ReconciliationReports;
  beforeAll(async () => {
    backfill = await startBackfillWorld();
    reports = new ReconciliationReports(backfill.world.table);
  });
  afterAll(async () => {
    await backfill?.stop();
  });

  /** Runs the scheduled job once, as EventBridge would, and lets the workers apply its repairs. */
  async function reconcile(program: syncWorld.ConnectedProgram): Promise<ReconciliationSummary> {
    await backfill.world.stack.runScheduled('reconciliation');
    await syncWorld.settle(backfill.world);
    const summary = await reports.latest(program.programId);
    if (!summary) throw new Error('no reconciliation report');
    return summary;
  }

  function writesTo(counts: Record<string, { writes: number }>): number {
    return Object.values(counts).reduce((sum, count) => sum + count.writes, 0);
  }

  it('changes nothing in a program whose webhooks all arrived', async () => {
    // Prepare: a program whose partners, customers and sales reached Attio live.
    const { world } = backfill;
    const program = await syncWorld.connectProgram(world, withCustomers);
    aPartnerAndBuyer(
      world,
      program.programId,
      { email: 'live@affiliates.example', name: 'Liv' },
      { key: 'live-buyer', email: 'buyer@shop.example', name: 'Bo' },
    );
    aSale(world, program.programId, 'live-sale', 50, 'live-buyer');
    await syncWorld.settle(world);
    const before = {
      people: syncWorld.recordsOf(world, program, 'people'),
      deals: syncWorld.recordsOf(world, program, 'deals'),
    };
    world.attio.control.resetRequestCounts();
    world.partnero.control.resetRequestCounts();
    // Act
    const summary = await reconcile(program);
    // Assess
    expect(summary).toMatchObject({
      complete: true,
      repairCount: 0,
      repairs: [],
      checked: { partner: 1, customer: 1, transaction: 1 },
    });
    expect(syncWorld.recordsOf(world, program, 'people')).toEqual(before.people);
    expect(syncWorld.recordsOf(world, program, 'deals')).toEqual(before.deals);
    expect(writesTo(world.attio.control.requestCounts())).toBe(0);
    expect(writesTo(world.partnero.control.requestCounts())).toBe(0);
    const history = await world.audit.listRecent(program.programId, { direction: 'reconciliation' });
    expect(history.entries.map((entry) => [entry.sourceEvent, entry.outcome])).toEqual([
      ['reconciliation.completed', 'noop'],
    ]);
  });

  it('repairs a partner whose created and updated webhooks were lost, then finds nothing more', async () => {
    // Prepare
    const { world } = backfill;
    const program = await backfill.quietProgram();
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'lost@affiliates.example',
      name: 'Lou',
      surname: 'Lost',
    });
    await syncWorld.settle(world);
    expect(syncWorld.recordsOf(world, program, 'people')).toHaveLength(0);
    // Act
    const created = await reconcile(program);
    world.partnero.control.partners.update(program.programId, partner.id, { surname: 'Found' });
    await syncWorld.settle(world);
    // Partnero lists nothing by update time: a missed update of a partner is the full sweep's to find.
    await reports.requestFullSweep(program.programId);
    const updated = await reconcile(program);
    const quiet = await reconcile(program);
    // Assess
    expect(created.repairs).toEqual([
      {
        record: `partner:${partner.id}`,
        event: 'partner.updated',
        reason: 'the partner has no Attio record (a missed webhook)',
      },
    ]);
    expect(updated.repairs).toEqual([
      {
        record: `partner:${partner.id}`,
        event: 'partner.updated',
        reason: 'Attio holds other values than Partnero has (a missed update)',
      },
    ]);
    expect(quiet.repairCount).toBe(0);
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    expect(syncWorld.textOf(people[0], syncAttributeSlugs.partnerId)).toBe(partner.id);
    expect(syncWorld.valuesOf(people[0], 'name')[0]).toMatchObject({ first_name: 'Lou', last_name: 'Found' });
    expect((await syncWorld.linkOf(world, program.programId, 'partner', partner.id))?.attioRecordId).toBe(
      people[0]?.id.record_id,
    );
    const history = await world.audit.listRecent(program.programId, { sourceRecord: `partner:${partner.id}` });
    expect(history.entries.map((entry) => [entry.direction, entry.outcome]).reverse()).toEqual([
      ['reconciliation', 'applied'],
      ['partnero-to-attio', 'applied'],
      ['reconciliation', 'applied'],
      ['partnero-to-attio', 'applied'],
    ]);
  });

  it('pays a deal won while its webhook was lost exactly once', async () => {
    // Prepare: a partner, their customer and the customer's person; webhooks of both sides lost.
    const { world } = backfill;
    const { program, won, lead } = await aProgramWithWonStage(backfill);
    aPartnerAndBuyer(
      world,
      program.programId,
      { email: 'closer@affiliates.example', name: 'Cleo' },
      { key: 'big-buyer', email: 'big@buyer.example', name: 'Big' },
    );
    const person = aMemberPerson(world, program, 'big@buyer.example');
    const deal = aMemberDeal(world, program, { name: 'Big deal', stage: lead, value: 900, people: [person] });
    world.attio.control.updateRecordAsMember('deals', deal, { stage: won }, { workspaceId: program.workspaceId });
    await syncWorld.settle(world);
    const transactionsOfDeal = () =>
      world.partnero.control.transactions.list(program.programId).filter((transaction) => transaction.key === deal);
    expect(transactionsOfDeal()).toHaveLength(0);
    // Act
    const first = await reconcile(program);
    const second = await reconcile(program);
    // Assess
    expect(first.repairs).toContainEqual({
      record: `attio:deals:${deal}`,
      event: 'record.updated',
      reason: 'the deal is won and has no Partnero transaction (a missed webhook)',
    });
    expect(transactionsOfDeal()).toHaveLength(1);
    expect(transactionsOfDeal()[0]).toMatchObject({ amount: 900, customer: 'big-buyer' });
    expect(second.repairCount).toBe(0);
    expect(world.partnero.control.transactions.list(program.programId)).toHaveLength(1);
    // The customer's person was adopted, not duplicated, and the sale opened no second deal.
    expect(
      syncWorld.recordsOf(world, program, 'people').filter((record) => emailOf(record) === 'big@buyer.example'),
    ).toHaveLength(1);
    expect(syncWorld.recordsOf(world, program, 'deals')).toHaveLength(1);
  });

  it('marks the deal of a sale refunded while its webhook was lost, once', async () => {
    // Prepare: a sale whose deal the job itself created (every Partnero webhook of the program is lost).
    const { world } = backfill;
    const program = await backfill.quietProgram();
    await aSettledSale(program, 'seller@affiliates.example', 'refunder', 'sale-to-refund', 75);
    await reconcile(program);
    const [deal] = syncWorld.recordsOf(world, program, 'deals');
    expect(syncWorld.textOf(deal, syncAttributeSlugs.transactionStatus)).toBe('active');
    // Act
    world.partnero.control.transactions.delete(program.programId, 'sale-to-refund');
    await syncWorld.settle(world);
    // A sale gone from Partnero shows only against the full list: the full sweep's to find.
    await reports.requestFullSweep(program.programId);
    const refunded = await reconcile(program);
    const quiet = await reconcile(program);
    // Assess
    expect(refunded.repairs).toEqual([
      expect.objectContaining({ record: 'transaction:sale-to-refund', event: 'transaction.deleted' }),
    ]);
    expect(quiet.repairCount).toBe(0);
    const deals = syncWorld.recordsOf(world, program, 'deals');
    expect(deals).toHaveLength(1);
    expect(deals[0]?.id.record_id).toBe(deal?.id.record_id);
    expect(syncWorld.textOf(deals[0], syncAttributeSlugs.transactionStatus)).toBe('refunded');
  });

  it("follows an archive and a restore in Partnero on the deal's commission status, which no webhook announces", async () => {
    // Prepare: a sale whose deal shows its commission; this program's Partnero shows archived sales to reads.
    const { world } = backfill;
    const program = await syncWorld.connectProgram(world, { partneroProgram: { archivedTransactionsReadable: true } });
    await aSettledSale(program, 'earner@affiliates.example', 'archivist', 'sale-to-archive', 200);
    const dealOf = () =>
      syncWorld
        .recordsOf(world, program, 'deals')
        .find((deal) => syncWorld.textOf(deal, syncAttributeSlugs.transactionKey) === 'sale-to-archive');
    expect(syncWorld.textOf(dealOf(), syncAttributeSlugs.commissionStatus)).toBe('ok');
    const partnero = createPartneroClient({ apiUrl: world.partnero.url, apiKey: program.partneroApiKey });
    // Act: archived in Partnero (as another API client or Partnero's app would); no webhook comes.
    expect(await partnero.transactions.archive('sale-to-archive')).toBe('archived');
    await syncWorld.settle(world);
    const unseen = syncWorld.textOf(dealOf(), syncAttributeSlugs.commissionStatus);
    const archived = await reconcile(program);
    // Assess
    expect(unseen).toBe('ok');
    expect(archived.repairs).toEqual([
      expect.objectContaining({
        record: 'transaction:sale-to-archive',
        event: 'transaction.created',
        reason: expect.stringContaining('now says archived'),
      }),
    ]);
    expect(syncWorld.textOf(dealOf(), syncAttributeSlugs.commissionStatus)).toBe('archived');
    expect(syncWorld.valuesOf(dealOf(), syncAttributeSlugs.commissionAmount)).toEqual([
      expect.objectContaining({ value: 0 }),
    ]);
    expect(syncWorld.textOf(dealOf(), syncAttributeSlugs.transactionStatus)).toBe('active');

    // Act: restored; the next run brings the commission back, and the one after finds nothing.
    expect(await partnero.transactions.restore('sale-to-archive')).toBe('restored');
    const restored = await reconcile(program);
    const quiet = await reconcile(program);
    // Assess
    expect(restored.repairs).toEqual([
      expect.objectContaining({
        record: 'transaction:sale-to-archive',
        reason: expect.stringContaining('now says ok'),
      }),
    ]);
    expect(syncWorld.textOf(dealOf(), syncAttributeSlugs.commissionStatus)).toBe('ok');
    expect(syncWorld.valuesOf(dealOf(), syncAttributeSlugs.commissionAmount)).toEqual([
      expect.objectContaining({ value: expect.any(Number) }),
    ]);
    expect(
      (syncWorld.valuesOf(dealOf(), syncAttributeSlugs.commissionAmount)[0] as { value: number }).value,
    ).toBeGreaterThan(0);
    expect(quiet.repairCount).toBe(0);
    expect(syncWorld.recordsOf(world, program, 'deals')).toHaveLength(1);
  });

  it('gets through a Partnero 500 on a list page by trying the page again, and repairs everything', async () => {
    // Prepare: two partners whose webhooks were lost; the program's first partner page will fail once.
    const { world } = backfill;
    const program = await backfill.quietProgram();
    const partners = somePartners(world, program.programId, 2, 'Blip');
    await syncWorld.settle(world);
    world.partnero.control.injectFault({ kind: '500', route: 'GET /v1/partners', count: 1 });
    // Act
    const summary = await reconcile(program);
    // Assess
    expect(summary).toMatchObject({ complete: true, skipped: [], repairCount: 2 });
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people.map((person) => syncWorld.textOf(person, syncAttributeSlugs.partnerId)).sort()).toEqual(
      partners.map((partner) => partner.id).sort(),
    );
  });

  /** A sale of the buyer `<buyerKey>@shop.example`, whom the partner referred, made in Partnero and settled. */
  async function aSettledSale(
    program: syncWorld.ConnectedProgram,
    partnerEmail: string,
    buyerKey: string,
    saleKey: string,
    amount: number,
  ) {
    const { world } = backfill;
    aPartnerAndBuyer(
      world,
      program.programId,
      { email: partnerEmail },
      { key: buyerKey, email: `${buyerKey}@shop.example` },
    );
    aSale(world, program.programId, saleKey, amount, buyerKey);
    await syncWorld.settle(world);
  }

  /** A quiet program with customer sync on, and a partner with the buyer they referred, both made in Partnero. */
  async function aQuietProgramWithPartnerAndBuyer(partner: Record<string, string>, buyer: Record<string, string>) {
    const program = await backfill.quietProgram(withCustomers);
    return { program, partner: aPartnerAndBuyer(backfill.world, program.programId, partner, buyer) };
  }

  it('skips what Partnero keeps failing, repairs the rest, and leaves the skipped part to the next run', async () => {
    // Prepare: a lost partner and a lost customer; Partnero fails every read of the customer list.
    const { world } = backfill;
    const { program, partner } = await aQuietProgramWithPartnerAndBuyer(
      { email: 'steady@affiliates.example', name: 'Steady' },
      { key: 'unlisted-buyer', email: 'unlisted@shop.example', name: 'Una' },
    );
    await syncWorld.settle(world);
    world.partnero.control.injectFault({ kind: '500', route: 'GET /v1/customers', count: 1_000 });
    // Act
    let partial: ReconciliationSummary;
    try {
      partial = await reconcileOneProgram(world, program.programId, quickRetries(3));
      await syncWorld.settle(world);
    } finally {
      world.partnero.control.clearFaults();
    }
    const next = await reconcile(program);
    // Assess: the partner was repaired despite the failing customers; the next run got the customer.
    expect(partial).toMatchObject({
      complete: false,
      skipped: [{ record: 'customer:page 1', reason: expect.stringContaining('500') }],
    });
    expect(partial.repairs).toEqual([
      expect.objectContaining({ record: `partner:${partner.id}`, event: 'partner.updated' }),
    ]);
    expect(next).toMatchObject({ complete: true, skipped: [] });
    expect(next.repairs).toEqual([
      expect.objectContaining({ record: 'customer:unlisted-buyer', event: 'customer.updated' }),
    ]);
    const emails = syncWorld.recordsOf(world, program, 'people').map(emailOf);
    expect(emails.sort()).toEqual(['steady@affiliates.example', 'unlisted@shop.example']);
    const history = await world.audit.listRecent(program.programId, {
      direction: 'reconciliation',
      sourceRecord: `reconciliation:${partial.runId}`,
    });
    expect(history.entries[0]).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('1 skipped, left for the next run: customer:page 1'),
    });
  });

  it('marks a partner and a customer deleted while their webhooks were lost, once', async () => {
    // Prepare: a partner and their customer in Attio (by the job: every webhook of the program is lost).
    const { world } = backfill;
    const { program, partner } = await aQuietProgramWithPartnerAndBuyer(
      { email: 'leaver@affiliates.example', name: 'Lee' },
      { key: 'leaving-buyer', email: 'leaving@shop.example', name: 'Lia' },
    );
    const stays = world.partnero.control.partners.create(program.programId, {
      email: 'stayer@affiliates.example',
      name: 'Stan',
    });
    await syncWorld.settle(world);
    await reconcile(program);
    const statusOf = (email: string) => {
      const person = syncWorld.recordsOf(world, program, 'people').find((record) => emailOf(record) === email);
      return [
        syncWorld.textOf(person, syncAttributeSlugs.partnerStatus),
        syncWorld.textOf(person, syncAttributeSlugs.customerStatus),
      ];
    };
    expect(statusOf('leaver@affiliates.example')[0]).not.toBe('deleted');
    // Act
    world.partnero.control.customers.delete(program.programId, 'leaving-buyer');
    world.partnero.control.partners.delete(program.programId, partner.id);
    await syncWorld.settle(world);
    // Deletions show only against the full lists: the full sweep's to find.
    await reports.requestFullSweep(program.programId);
    const deleted = await reconcile(program);
    const quiet = await reconcile(program);
    // Assess
    expect(deleted).toMatchObject({ complete: true, skipped: [] });
    expect(deleted.repairs).toEqual(
      expect.arrayContaining([
        {
          record: `partner:${partner.id}`,
          event: 'partner.deleted',
          reason:
            'the partner is no longer in Partnero and its Attio record does not show it deleted (a missed webhook)',
        },
        {
          record: 'customer:leaving-buyer',
          event: 'customer.deleted',
          reason:
            'the customer is no longer in Partnero and its Attio record does not show it deleted (a missed webhook)',
        },
      ]),
    );
    expect(deleted.repairCount).toBe(2);
    expect(quiet).toMatchObject({ complete: true, repairCount: 0 });
    expect(statusOf('leaver@affiliates.example')[0]).toBe('deleted');
    expect(statusOf('leaving@shop.example')[1]).toBe('deleted');
    expect(statusOf('stayer@affiliates.example')[0]).not.toBe('deleted');
    expect(syncWorld.recordsOf(world, program, 'people')).toHaveLength(3);
    expect(stays.id).not.toBe(partner.id);
  });

  it('passes over a record Attio keeps failing to show, repairs the others, and leaves it to the next run', async () => {
    // Prepare: two partners in Attio, then deleted in Partnero while their webhooks were lost.
    const { world } = backfill;
    const program = await backfill.quietProgram();
    const partners = somePartners(world, program.programId, 2, 'Gone');
    await syncWorld.settle(world);
    await reconcile(program);
    for (const partner of partners) world.partnero.control.partners.delete(program.programId, partner.id);
    await syncWorld.settle(world);
    await reports.requestFullSweep(program.programId);
    // Every try of the first record read fails (two tries under this policy).
    world.attio.control.injectFault({ kind: '500', route: 'GET /v2/objects/{object}/records/{record_id}', count: 2 });
    // Act
    const partial = await reconcileOneProgram(world, program.programId, quickRetries(2));
    await syncWorld.settle(world);
    const next = await reconcile(program);
    // Assess
    const [first, second] = partners.map((partner) => `partner:${partner.id}`).sort();
    expect(partial).toMatchObject({
      complete: false,
      skipped: [{ record: first, reason: expect.stringContaining('500') }],
    });
    expect(partial.repairs).toEqual([expect.objectContaining({ record: second, event: 'partner.deleted' })]);
    expect(next).toMatchObject({ complete: true, skipped: [] });
    expect(next.repairs).toEqual([expect.objectContaining({ record: first, event: 'partner.deleted' })]);
    const statuses = syncWorld
      .recordsOf(world, program, 'people')
      .map((person) => syncWorld.textOf(person, syncAttributeSlugs.partnerStatus));
    expect(statuses).toEqual(['deleted', 'deleted']);
  });

  it("pages Attio's deals in a stable order: deals written while it pages are neither skipped nor listed twice", async () => {
    // Prepare: six deals a member made, listed two per page.
    const { world } = backfill;
    const program = await backfill.quietProgram();
    const [lead, other] = world.attio.control.statuses('deals', 'stage', program.workspaceId);
    const aDeal = (name: string) => aMemberDeal(world, program, { name, stage: lead?.id, value: 10 });
    const deals: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      deals.push(aDeal(`Deal ${index}`));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const listed: string[] = [];
    let late: string | undefined;
    // Act: after the first page, the member moves every deal and adds one.
    const summary = await reconcileOneProgram(world, program.programId, quickRetries(1), {
      dealPageSize: 2,
      wrapAttio: (client) => {
        const query = client.records.query.bind(client.records);
        client.records.query = async (object, body) => {
          const page = await query(object, body);
          if (object !== 'deals') return page;
          listed.push(...page.map((record) => record.id.record_id));
          if (listed.length === 2) {
            for (const id of [...deals].reverse())
              world.attio.control.updateRecordAsMember(
                'deals',
                id,
                { stage: other?.id },
                { workspaceId: program.workspaceId },
              );
            late = aDeal('Late deal');
          }
          return page;
        };
        return client;
      },
    });
    // Assess: each deal of the start listed exactly once, the late one after them.
    expect(listed.filter((id) => deals.includes(id)).sort()).toEqual([...deals].sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.at(-1)).toBe(late);
    expect(summary.checked.deal).toBe(listed.length);
  });

  it('runs safely while live events flow: every partner ends up in Attio once', async () => {
    // Prepare
    const { world } = backfill;
    const program = await syncWorld.connectProgram(world);
    const partners = somePartners(world, program.programId, 6, 'Busy');
    // Act: the job runs while the webhooks of those partners are still being delivered and applied.
    const delivering = syncWorld.settle(world);
    await world.stack.runScheduled('reconciliation');
    await delivering;
    await syncWorld.settle(world);
    // Assess
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people.map((person) => syncWorld.textOf(person, syncAttributeSlugs.partnerId)).sort()).toEqual(
      partners.map((partner) => partner.id).sort(),
    );
  });
});
