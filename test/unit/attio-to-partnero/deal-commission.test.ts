import { syncDealCommission } from '../../../shared/attio-to-partnero/deal-commission';
import { AttioEventBatch } from '../../../shared/attio-to-partnero/record-batch';
import { RetryableError } from '../../../shared/errors';
import { aDeal, aPerson, LEAD_STAGE, LOST_STAGE, WON_STAGE } from './attio-records';
import { setUp } from './sync-setup';

/** A won-stage deal of 1000 EUR bought by person-1, a known Partnero customer. */
function wonDealScenario(adjust?: Parameters<typeof setUp>[0]) {
  const scenario = setUp(adjust);
  scenario.attio.put(aDeal('deal-1', { stageId: WON_STAGE, amount: 1000, currency: 'EUR', people: ['person-1'] }));
  scenario.attio.put(aPerson('person-1', { emails: ['ada@example.com'] }));
  scenario.partnero.addCustomer({ key: 'cust-1', email: 'ada@example.com', partner: 'partner-1' });
  const sync = (workClass: 'sync' | 'deletion' = 'sync') =>
    syncDealCommission(scenario.context(new AttioEventBatch()), 'deal-1', workClass);
  const moveTo = (stageId: string) =>
    scenario.attio.put(aDeal('deal-1', { stageId, amount: 1000, currency: 'EUR', people: ['person-1'] }));
  return { ...scenario, sync, moveTo };
}

describe('syncDealCommission: paying a won deal', () => {
  it('creates one transaction keyed by the deal id with the deal value, its currency and the customer found by email', async () => {
    // Prepare
    const { partnero, claims, links, sync } = wonDealScenario();
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'partnero:transaction:deal-1' });
    expect(result.reason).toMatch(/commission 300 EUR/);
    expect(partnero.transactionList).toEqual([
      expect.objectContaining({ key: 'deal-1', amount: 1000, amount_units: 'EUR', customer: 'cust-1' }),
    ]);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({
      state: 'created',
      amount: 1000,
      currency: 'EUR',
      customerKey: 'cust-1',
    });
    expect(await links.findByPartneroId('p1', 'transaction', 'deal-1')).toMatchObject({
      attioObject: 'deals',
      attioRecordId: 'deal-1',
    });
  });

  it('pays nothing more when the won deal changes again', async () => {
    // Prepare
    const { partnero, sync } = wonDealScenario();
    await sync();
    // Act
    const again = await sync();
    // Assess
    expect(again).toMatchObject({ outcome: 'noop', reason: expect.stringContaining('already created') });
    expect(partnero.transactionList).toHaveLength(1);
  });

  it('finds the customer through the person linked to it before trying emails', async () => {
    // Prepare
    const { partnero, links, sync } = wonDealScenario();
    partnero.addCustomer({ key: 'cust-linked', email: 'other@example.com', partner: 'partner-1' });
    await links.save({
      programId: 'p1',
      kind: 'customer',
      partneroId: 'cust-linked',
      attioObject: 'people',
      attioRecordId: 'person-1',
      attioWrittenHash: null,
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: 'then',
    });
    // Act
    await sync();
    // Assess
    expect(partnero.transactionList[0]?.customer).toBe('cust-linked');
    expect(partnero.calls.filter((call) => call.startsWith('search'))).toEqual([]);
  });

  it('records a deal whose customer Partnero does not know as rejected, and pays it at a later change once it does', async () => {
    // Prepare
    const { partnero, claims, sync } = wonDealScenario();
    partnero.customerList.length = 0;
    // Act
    const first = await sync();
    partnero.addCustomer({ key: 'cust-1', email: 'ada@example.com', partner: 'partner-1' });
    const later = await sync();
    // Assess
    expect(first).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining("Partnero does not know the deal's customer"),
    });
    expect(first.reason).not.toContain('ada@example.com');
    expect(later.outcome).toBe('applied');
    expect(partnero.transactionList).toHaveLength(1);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created', attempts: 2 });
  });

  it('rejects a won deal without a value and without people, with the reason', async () => {
    // Prepare
    const { attio, partnero, sync } = wonDealScenario();
    attio.put(aDeal('deal-1', { stageId: WON_STAGE }));
    // Act
    const noValue = await sync();
    attio.put(aDeal('deal-1', { stageId: WON_STAGE, amount: 10, people: [] }));
    const noPeople = await sync();
    // Assess
    expect(noValue).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('no value') });
    expect(noPeople).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('no associated person') });
    expect(partnero.writes()).toEqual([]);
  });

  it("records Partnero's refusal of the transaction as rejected with its message", async () => {
    // Prepare
    const { partnero, claims, sync } = wonDealScenario();
    partnero.failNextTransaction('refuse');
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('Validation error') });
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'rejected' });
  });

  it('creates nothing for a deal in another stage', async () => {
    // Prepare
    const { partnero, moveTo, sync } = wonDealScenario();
    moveTo(LEAD_STAGE);
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({ outcome: 'noop' });
    expect(partnero.calls).toEqual([]);
  });

  it('does not pay a deal that mirrors a Partnero sale', async () => {
    // Prepare
    const { attio, partnero, sync } = wonDealScenario();
    attio.put(aDeal('deal-1', { stageId: WON_STAGE, amount: 1000, transactionKey: 'sale-from-partnero' }));
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({ outcome: 'noop', reason: expect.stringContaining('sale-from-partnero') });
    expect(partnero.calls).toEqual([]);
  });

  it('skips every deal while the program has no won stage or deal sync is off', async () => {
    // Prepare
    const noStage = wonDealScenario((settings) => (settings.deals.wonStageId = null));
    const off = wonDealScenario((settings) => (settings.deals.enabled = false));
    // Act & Assess
    await expect(noStage.sync()).resolves.toMatchObject({
      outcome: 'skipped-by-settings',
      reason: expect.stringContaining('no won stage'),
    });
    await expect(off.sync()).resolves.toMatchObject({ outcome: 'skipped-by-settings' });
    expect([...noStage.partnero.calls, ...off.partnero.calls]).toEqual([]);
  });
});

describe('syncDealCommission: an interrupted payment', () => {
  it('completes the claim from Partnero after a crash between its answer and the record, without paying again', async () => {
    // Prepare
    const { partnero, claims, sync } = wonDealScenario();
    claims.failNextTransitionTo = 'created';
    await expect(sync()).rejects.toThrow(/crashed/);
    // Act
    const retry = await sync();
    // Assess
    expect(retry).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('not created again') });
    expect(partnero.transactionList).toHaveLength(1);
    expect(partnero.calls.filter((call) => call.startsWith('create'))).toHaveLength(1);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created', customerKey: 'cust-1', amount: 1000 });
  });

  it('keeps the claim when Partnero timed out after creating, and the retry recognises the transaction', async () => {
    // Prepare
    const { partnero, claims, sync } = wonDealScenario();
    partnero.failNextTransaction('fail-after-creating');
    await expect(sync()).rejects.toBeInstanceOf(RetryableError);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'claimed' });
    // Act
    await sync();
    // Assess
    expect(partnero.transactionList).toHaveLength(1);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created' });
  });

  it('creates the transaction on retry when the interrupted attempt never reached Partnero', async () => {
    // Prepare
    const { partnero, sync } = wonDealScenario();
    partnero.failNextTransaction('fail-before');
    await expect(sync()).rejects.toBeInstanceOf(RetryableError);
    // Act
    const retry = await sync();
    // Assess
    expect(retry.outcome).toBe('applied');
    expect(partnero.transactionList).toHaveLength(1);
  });

  it('releases the claim of a deal unwon before its interrupted payment reached Partnero', async () => {
    // Prepare
    const { partnero, claims, sync, moveTo } = wonDealScenario();
    partnero.failNextTransaction('fail-before');
    await expect(sync()).rejects.toThrow();
    moveTo(LOST_STAGE);
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({
      outcome: 'noop',
      reason: expect.stringContaining('before its transaction was created'),
    });
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'rejected' });
    expect(partnero.transactionList).toEqual([]);
  });
});

describe('syncDealCommission: a deal that leaves the won stage', () => {
  it('keeps the commission when reversal is off (the default)', async () => {
    // Prepare
    const { partnero, sync, moveTo } = wonDealScenario();
    await sync();
    moveTo(LOST_STAGE);
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({ outcome: 'skipped-by-settings', reason: expect.stringContaining('kept') });
    expect(partnero.transactionList).toHaveLength(1);
  });

  it('archives the transaction when reversal is on, and a re-win restores that same transaction', async () => {
    // Prepare
    const { partnero, claims, sync, moveTo } = wonDealScenario(
      (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
    );
    await sync();
    moveTo(LOST_STAGE);
    // Act
    const lost = await sync();
    const afterLost = { archived: [...partnero.archivedKeys], claim: (await claims.find('p1', 'deal-1'))?.state };
    moveTo(WON_STAGE);
    const wonAgain = await sync();
    // Assess
    expect(lost).toMatchObject({
      outcome: 'applied',
      reason: expect.stringContaining('archived, reversing the commission'),
    });
    expect(afterLost).toEqual({ archived: ['deal-1'], claim: 'archived' });
    expect(wonAgain).toMatchObject({
      outcome: 'applied',
      reason: expect.stringContaining('restored with its commission'),
    });
    expect(partnero.archivedKeys.size).toBe(0);
    expect(partnero.transactionList.map((transaction) => transaction.key)).toEqual(['deal-1']);
    expect(partnero.calls.filter((call) => /^(create|delete|archive|restore) transaction/.test(call))).toEqual([
      'create transaction deal-1',
      'archive transaction deal-1',
      'restore transaction deal-1',
    ]);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created', attempts: 1 });
  });

  it.each([false, true])(
    'finishes an archive whose answer was lost when the deal stays unwon (archived transactions listed: %s)',
    async (archivedReadable) => {
      // Prepare
      const { partnero, claims, sync, moveTo } = wonDealScenario(
        (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
      );
      partnero.archivedReadable = archivedReadable;
      await sync();
      moveTo(LOST_STAGE);
      partnero.nextArchiveFault = 'lose-answer';
      await expect(sync()).rejects.toThrow(RetryableError);
      // Act
      const retried = await sync();
      moveTo(WON_STAGE);
      const wonAgain = await sync();
      // Assess
      expect(retried).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('already archived') });
      expect(wonAgain).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('restored') });
      expect(partnero.transactionList).toHaveLength(1);
      expect(partnero.calls.filter((call) => call.startsWith('delete') || call.startsWith('create'))).toEqual([
        'create transaction deal-1',
      ]);
      expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created', attempts: 1 });
    },
  );

  it('restores, not pays again, when won again after an archive whose answer was lost', async () => {
    // Prepare
    const { partnero, claims, sync, moveTo } = wonDealScenario(
      (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
    );
    await sync();
    moveTo(LOST_STAGE);
    partnero.nextArchiveFault = 'lose-answer';
    await expect(sync()).rejects.toThrow(RetryableError);
    const inDoubt = (await claims.find('p1', 'deal-1'))?.state;
    // Act
    moveTo(WON_STAGE);
    const wonAgain = await sync();
    // Assess
    expect(inDoubt).toBe('archiving');
    expect(wonAgain.outcome).toBe('applied');
    expect(partnero.transactionList).toHaveLength(1);
    expect(partnero.archivedKeys.size).toBe(0);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created' });
  });

  it('archives again, not keeps the commission, when unwon again after a restore whose answer was lost', async () => {
    // Prepare
    const { partnero, claims, sync, moveTo } = wonDealScenario(
      (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
    );
    await sync();
    moveTo(LOST_STAGE);
    await sync();
    moveTo(WON_STAGE);
    partnero.nextArchiveFault = 'lose-answer';
    await expect(sync()).rejects.toThrow(RetryableError);
    // Act
    moveTo(LEAD_STAGE);
    const unwonAgain = await sync();
    // Assess
    expect(unwonAgain).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('archived') });
    expect([...partnero.archivedKeys]).toEqual(['deal-1']);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'archived' });
  });

  it('keeps the one commission when won again before an archive went through (Partnero answers the restore "Action failed")', async () => {
    // Prepare
    const { partnero, claims, sync } = wonDealScenario(
      (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
    );
    await sync();
    const created = await claims.find('p1', 'deal-1');
    await claims.transition(created as NonNullable<typeof created>, 'archiving', {
      reason: 'the deal left the won stage: archiving its Partnero transaction',
    });
    // Act
    const wonAgain = await sync();
    // Assess
    expect(wonAgain).toMatchObject({ outcome: 'noop', reason: expect.stringContaining('stands') });
    expect(partnero.transactionList).toHaveLength(1);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created' });
  });

  it('deletes the transaction when Partnero refuses to archive one still in force, so the commission is still reversed', async () => {
    // Prepare
    const { partnero, claims, sync, moveTo } = wonDealScenario(
      (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
    );
    await sync();
    moveTo(LOST_STAGE);
    partnero.nextArchiveFault = 'refuse';
    // Act
    const lost = await sync();
    moveTo(WON_STAGE);
    const wonAgain = await sync();
    // Assess
    expect(lost).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('refused to archive') });
    expect(wonAgain.outcome).toBe('applied');
    expect(partnero.transactionList).toHaveLength(1);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created', attempts: 2 });
  });

  it('pays a new transaction when won again after its archived transaction was deleted in Partnero', async () => {
    // Prepare
    const { partnero, claims, sync, moveTo } = wonDealScenario(
      (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
    );
    await sync();
    moveTo(LOST_STAGE);
    await sync();
    await partnero.transactions.delete('deal-1');
    // Act
    moveTo(WON_STAGE);
    const wonAgain = await sync();
    // Assess
    expect(wonAgain).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('created') });
    expect(partnero.transactionList).toHaveLength(1);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'created', attempts: 2 });
  });

  it("finishes an older version's interrupted delete by archiving", async () => {
    // Prepare
    const { partnero, claims, sync, moveTo } = wonDealScenario(
      (settings) => (settings.deals.reverseCommissionWhenUnwon = true),
    );
    await sync();
    const created = await claims.find('p1', 'deal-1');
    const stored = created as NonNullable<typeof created>;
    claims.claims.set('p1/deal-1', {
      ...stored,
      state: 'reversing',
      version: stored.version + 1,
      reason: 'the deal left the won stage: deleting its Partnero transaction',
    });
    moveTo(LOST_STAGE);
    // Act
    const result = await sync();
    // Assess
    expect(result.outcome).toBe('applied');
    expect([...partnero.archivedKeys]).toEqual(['deal-1']);
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'archived' });
  });

  it('pays once over won -> lost -> won when reversal is off', async () => {
    // Prepare
    const { partnero, sync, moveTo } = wonDealScenario();
    // Act
    await sync();
    moveTo(LOST_STAGE);
    await sync();
    moveTo(WON_STAGE);
    const wonAgain = await sync();
    // Assess
    expect(wonAgain.outcome).toBe('noop');
    expect(partnero.transactionList).toHaveLength(1);
  });

  it('reverses on deletion only through the deletion event, never because a fetch found nothing', async () => {
    // Prepare
    const { attio, partnero, sync } = wonDealScenario((settings) => (settings.deals.reverseCommissionWhenUnwon = true));
    await sync();
    attio.records.delete('deal-1');
    // Act
    const update = await sync('sync');
    const deletion = await sync('deletion');
    // Assess
    expect(update).toMatchObject({ outcome: 'noop', reason: expect.stringContaining('can no longer be read') });
    expect(deletion).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('deleted') });
    expect([...partnero.archivedKeys]).toEqual(['deal-1']);
  });
});
