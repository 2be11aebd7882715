import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_ATTIO_EVENT_WINDOW_SECONDS } from '../../../shared/attio-to-partnero/attio-event-deduplication';
import { syncTable } from '../../../shared/store/sync-table';
import { LinkRepository } from '../../../shared/sync/link-repository';
import { signed, startAttioToPartneroHarness, type AttioToPartneroHarness } from './sync-harness';

/**
 * A won deal in Attio pays its partner's commission in Partnero exactly once, on the local stack:
 * real local SQS and DynamoDB, both simulators, the real webhook route and worker.
 */
describe('Attio -> Partnero: commissions of won deals', () => {
  let harness: AttioToPartneroHarness;

  beforeAll(async () => {
    harness = await startAttioToPartneroHarness('a2p-deals');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  /** A buyer known to Partnero and a deal of theirs in the lead stage, with its creation processed. */
  async function aLeadDeal(label: string, amount: number): Promise<string> {
    const buyer = await harness.aBuyer(label);
    const dealId = await harness.aDeal(label, buyer.personId, amount);
    await harness.settle();
    return dealId;
  }

  /** Waits until a new Attio event window (the local stack's 1 s) begins. */
  async function aFreshEventWindow(): Promise<void> {
    const windowMs = LOCAL_ATTIO_EVENT_WINDOW_SECONDS * 1000;
    await sleep(windowMs - (Date.now() % windowMs) + 20);
  }

  function live(dealId: string) {
    return harness.transactionsOf(dealId).filter((transaction) => transaction.deleted_at === null);
  }

  it('creates one transaction and one commission when the won stage is delivered three times', async () => {
    // Prepare
    const dealId = await aLeadDeal('thrice', 1000);
    const commissionBefore = harness.commission();
    harness.moveDeal(dealId, 'won');
    await harness.settle();
    const delivery = harness.attio.control
      .deliveries()
      .filter((candidate) => candidate.body.includes(dealId))
      .at(-1);
    if (!delivery) throw new Error('Attio delivered no webhook for the stage change');
    // Act: Attio retries the same delivery twice, then sends the event once more as a new delivery,
    // all inside one Attio event window (a fresh one, so that the three never straddle two).
    await aFreshEventWindow();
    const retries = [
      await harness.deliver(delivery.body, signed(delivery.body, harness.webhookSecret, delivery.idempotencyKey)),
      await harness.deliver(delivery.body, signed(delivery.body, harness.webhookSecret, delivery.idempotencyKey)),
      await harness.deliver(delivery.body, signed(delivery.body, harness.webhookSecret, randomUUID())),
    ];
    await harness.settle();
    // Assess
    expect(retries.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(harness.transactionsOf(dealId)).toEqual([
      expect.objectContaining({ key: dealId, amount: 1000, amount_units: 'USD', deleted_at: null }),
    ]);
    expect(harness.commission() - commissionBefore).toBeCloseTo(300, 6);
    await expect(harness.claims.find(harness.programId, dealId)).resolves.toMatchObject({
      state: 'created',
      amount: 1000,
      currency: 'USD',
    });
    const history = await harness.history(dealId);
    expect(history.filter((entry) => entry.outcome === 'applied')).toHaveLength(1);
    // One event, one window: the three copies were queued once (the key is the signed event, not the
    // Idempotency-Key); that message reached the worker after the first run, and paid nothing.
    expect(history.filter((entry) => entry.reason.includes('already created'))).toHaveLength(1);
  });

  it('creates one transaction when the worker crashes after Partnero answered and before the claim was completed', async () => {
    // Prepare
    const dealId = await aLeadDeal('crash', 400);
    const commissionBefore = harness.commission();
    const crashed = crashOnceWhenRecording(dealId);
    // Act
    try {
      harness.moveDeal(dealId, 'won');
      await harness.settle();
    } finally {
      crashed.disarm();
    }
    // Assess
    expect(crashed.crashes()).toBe(1);
    expect(harness.transactionsOf(dealId)).toHaveLength(1);
    expect(harness.commission() - commissionBefore).toBeCloseTo(120, 6);
    await expect(harness.claims.find(harness.programId, dealId)).resolves.toMatchObject({
      state: 'created',
      customerKey: 'customer-crash',
    });
    const applied = (await harness.history(dealId)).filter((entry) => entry.outcome === 'applied');
    expect(applied).toEqual([expect.objectContaining({ reason: expect.stringContaining('not created again') })]);
  });

  it('pays once when the stage flips won -> lost -> won, keeping the commission by default', async () => {
    // Prepare
    const dealId = await aLeadDeal('flip', 250);
    const commissionBefore = harness.commission();
    // Act
    for (const stage of ['won', 'lost', 'won'] as const) {
      harness.moveDeal(dealId, stage);
      await harness.settle();
    }
    // Assess
    expect(harness.transactionsOf(dealId)).toHaveLength(1);
    expect(harness.commission() - commissionBefore).toBeCloseTo(75, 6);
    const outcomes = (await harness.history(dealId)).map((entry) => entry.outcome);
    expect(outcomes.slice(-3)).toEqual(['applied', 'skipped-by-settings', 'noop']);
  });

  it('creates nothing for a deal that moves to a stage other than won', async () => {
    // Prepare
    const dealId = await aLeadDeal('elsewhere', 900);
    // Act
    harness.moveDeal(dealId, 'lost');
    await harness.settle();
    // Assess
    expect(harness.transactionsOf(dealId)).toEqual([]);
    await expect(harness.claims.find(harness.programId, dealId)).resolves.toBeUndefined();
  });

  it('does nothing to the commission of a lost or deleted won deal while reversal is off', async () => {
    // Prepare
    const lostId = await aLeadDeal('kept-lost', 100);
    const deletedId = await aLeadDeal('kept-deleted', 100);
    for (const dealId of [lostId, deletedId]) harness.moveDeal(dealId, 'won');
    await harness.settle();
    // Act
    harness.moveDeal(lostId, 'lost');
    harness.attio.control.deleteRecordAsMember('deals', deletedId);
    await harness.settle();
    // Assess
    expect(live(lostId)).toHaveLength(1);
    expect(live(deletedId)).toHaveLength(1);
    for (const dealId of [lostId, deletedId]) {
      const last = (await harness.history(dealId)).at(-1);
      expect(last).toMatchObject({ outcome: 'skipped-by-settings', reason: expect.stringContaining('kept') });
    }
  });

  it('reverses the commission of a won deal that is lost or deleted by archiving its transaction, and a re-win restores that same transaction', async () => {
    // Prepare
    await harness.changeSettings((settings) => (settings.deals.reverseCommissionWhenUnwon = true));
    try {
      const flippedId = await aLeadDeal('reversed', 200);
      const deletedId = await aLeadDeal('reversed-deleted', 300);
      const commissionBefore = harness.commission();
      for (const dealId of [flippedId, deletedId]) harness.moveDeal(dealId, 'won');
      await harness.settle();
      const commissionWhenWon = harness.commission();
      // Act
      harness.moveDeal(flippedId, 'lost');
      harness.attio.control.deleteRecordAsMember('deals', deletedId);
      await harness.settle();
      const commissionWhenUnwon = harness.commission();
      harness.moveDeal(flippedId, 'won');
      await harness.settle();
      // Assess
      expect(commissionWhenWon - commissionBefore).toBeCloseTo(150, 6);
      expect(commissionWhenUnwon).toBeCloseTo(commissionBefore, 6);
      expect(live(deletedId)).toEqual([]);
      // Archived, not deleted: Partnero still holds the one transaction, soft-deleted with its rewards.
      expect(harness.transactionsOf(deletedId)).toEqual([
        expect.objectContaining({ archived: true, deleted_at: expect.any(String) }),
      ]);
      await expect(harness.claims.find(harness.programId, deletedId)).resolves.toMatchObject({ state: 'archived' });
      expect(live(flippedId)).toHaveLength(1);
      expect(harness.transactionsOf(flippedId)).toHaveLength(1);
      expect(harness.commission() - commissionBefore).toBeCloseTo(60, 6);
      await expect(harness.claims.find(harness.programId, flippedId)).resolves.toMatchObject({
        state: 'created',
        attempts: 1,
      });
    } finally {
      await harness.changeSettings((settings) => (settings.deals.reverseCommissionWhenUnwon = false));
    }
  });

  it('keeps one commission when a won deal is merged into a new record, and moves its claim and link there', async () => {
    // Prepare
    const wonId = await aLeadDeal('merged-won', 500);
    const otherId = await aLeadDeal('merged-other', 50);
    harness.moveDeal(wonId, 'won');
    await harness.settle();
    const commissionBefore = harness.commission();
    // Act: Attio makes a new record (still won) and fires one record.merged per original.
    const mergedId = harness.attio.control.mergeRecordsAsMember('deals', wonId, otherId);
    await harness.settle();
    // Assess
    expect(harness.commission()).toBeCloseTo(commissionBefore, 6);
    expect(harness.transactionsOf(mergedId)).toEqual([]);
    await expect(harness.claims.find(harness.programId, mergedId)).resolves.toMatchObject({
      state: 'created',
      transactionKey: wonId,
    });
    await expect(harness.claims.find(harness.programId, wonId)).resolves.toMatchObject({
      state: 'merged',
      mergedInto: mergedId,
    });
    await expect(
      new LinkRepository(harness.table).findByPartneroId(harness.programId, 'transaction', wonId),
    ).resolves.toMatchObject({ attioRecordId: mergedId });
    expect((await harness.history(mergedId)).map((entry) => entry.outcome)).toContain('applied');
  });

  it("makes no Partnero call for the service's own writes to Attio", async () => {
    // Prepare
    const dealId = await aLeadDeal('own-write', 700);
    const requestsBefore = harness.partneroRequests();
    // Act: the service itself (its token) moves the deal to won, as the Partnero -> Attio direction does for deals it creates.
    await harness.attioAsService.records.update('deals', dealId, { stage: harness.stageIds.won });
    await harness.settle();
    // Assess
    expect(harness.partneroRequests()).toBe(requestsBefore);
    expect(harness.transactionsOf(dealId)).toEqual([]);
    expect((await harness.history(dealId)).at(-1)).toMatchObject({ outcome: 'echo' });
  });

  /**
   * Makes the worker's first write of the deal's claim as `created` fail, as if the process died
   * right after Partnero answered: the handlers share this module's table client.
   */
  function crashOnceWhenRecording(dealId: string) {
    const client = syncTable(harness.stack.resources.syncTableName).client;
    let crashes = 0;
    const send = client.send.bind(client);
    const crashing: typeof client.send = async (command) => {
      const item = (command.input as { Item?: Record<string, unknown> }).Item;
      if (crashes === 0 && item && item.sk === `CLAIM#deal#${dealId}` && item.state === 'created') {
        crashes += 1;
        throw new Error('the worker crashed after Partnero answered');
      }
      return send(command);
    };
    client.send = crashing;
    return { crashes: () => crashes, disarm: () => (client.send = send) };
  }
});
