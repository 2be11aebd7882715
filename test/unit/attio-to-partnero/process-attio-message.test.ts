import { processAttioMessage } from '../../../shared/attio-to-partnero/process-attio-message';
import { AttioEventBatch } from '../../../shared/attio-to-partnero/record-batch';
import type { SyncMessage } from '../../../shared/queue/sync-message';
import { aDeal, aPerson, anEvent, PEOPLE_OBJECT_ID, WON_STAGE } from './attio-records';
import { OUR_ACTOR, setUp } from './sync-setup';

function aMessage(event: unknown, deliveryKey = 'attio:p1:idem:0', programId = 'p1'): SyncMessage {
  return { programId, source: 'attio', deliveryKey, receivedAt: '2025-06-01T00:00:00Z', event };
}

function wonDeal() {
  const scenario = setUp();
  scenario.attio.put(aDeal('deal-1', { stageId: WON_STAGE, amount: 500, people: ['person-1'] }));
  scenario.attio.put(aPerson('person-1'));
  scenario.partnero.addCustomer({ key: 'cust-1', email: 'ada@example.com', partner: 'partner-1' });
  return scenario;
}

describe('processAttioMessage', () => {
  it('turns a human moving a deal to won into one transaction, audited against the deal', async () => {
    // Prepare
    const { partnero, dependencies } = wonDeal();
    // Act
    const processed = await processAttioMessage(
      aMessage(anEvent('record.updated', 'deal-1', { attributeId: 'stage' })),
      new AttioEventBatch(),
      dependencies,
    );
    // Assess
    expect(processed).toMatchObject({
      programId: 'p1',
      sourceEvent: 'record.updated',
      sourceRecord: 'attio:deals:deal-1',
      targetRecord: 'partnero:transaction:deal-1',
      outcome: 'applied',
    });
    expect(partnero.transactionList).toHaveLength(1);
  });

  it('writes nothing to Partnero before the first Save started the sync, and says so', async () => {
    // Prepare: the same won deal, in a program that connected but never saved.
    const scenario = wonDeal();
    const program = { ...scenario.program, settings: { ...scenario.program.settings, syncStartedAt: null } };
    const dependencies = { ...scenario.dependencies, programs: { load: async () => program } };
    // Act
    const processed = await processAttioMessage(
      aMessage(anEvent('record.updated', 'deal-1', { attributeId: 'stage' })),
      new AttioEventBatch(),
      dependencies,
    );
    // Assess
    expect(processed).toMatchObject({
      outcome: 'skipped-by-settings',
      targetRecord: null,
      reason: expect.stringContaining('first saved'),
    });
    expect(scenario.attio.fetches()).toEqual([]);
    expect(scenario.partnero.calls).toEqual([]);
  });

  it('drops an event written by our own actor without fetching the record or calling Partnero', async () => {
    // Prepare
    const { attio, partnero, dependencies } = wonDeal();
    // Act
    const processed = await processAttioMessage(
      aMessage(anEvent('record.updated', 'deal-1', { actor: OUR_ACTOR })),
      new AttioEventBatch(),
      dependencies,
    );
    // Assess
    expect(processed).toMatchObject({ outcome: 'echo', sourceRecord: 'attio:deals:deal-1' });
    expect(attio.fetches()).toEqual([]);
    expect(partnero.calls).toEqual([]);
  });

  it('coalesces a burst of per-attribute events of one deal into one fetch and one payment', async () => {
    // Prepare
    const { attio, partnero, dependencies } = wonDeal();
    const messages = ['stage', 'value', 'name'].map((attributeId, index) =>
      aMessage(anEvent('record.updated', 'deal-1', { attributeId }), `attio:p1:idem-${index}:0`),
    );
    const batch = new AttioEventBatch(messages);
    // Act
    const outcomes = [];
    for (const message of messages) outcomes.push((await processAttioMessage(message, batch, dependencies)).outcome);
    // Assess
    expect(outcomes).toEqual(['applied', 'noop', 'noop']);
    expect(attio.fetches().filter((call) => call.includes('deal-1'))).toHaveLength(1);
    expect(partnero.transactionList).toHaveLength(1);
  });

  it('moves the claim of a merged-away won deal to the new record before looking at it, so the sale is not paid twice', async () => {
    // Prepare
    const { attio, partnero, claims, links, dependencies } = wonDeal();
    await processAttioMessage(aMessage(anEvent('record.updated', 'deal-1')), new AttioEventBatch(), dependencies);
    attio.records.delete('deal-1');
    attio.put(aDeal('deal-merged', { stageId: WON_STAGE, amount: 500, people: ['person-1'] }));
    const messages = [
      aMessage(anEvent('record.created', 'deal-merged'), 'k-created'),
      aMessage(anEvent('record.merged', 'deal-merged', { duplicateRecordId: 'deal-1' }), 'k-merged-1'),
      aMessage(anEvent('record.merged', 'deal-merged', { duplicateRecordId: 'deal-other' }), 'k-merged-2'),
    ];
    const batch = new AttioEventBatch(messages);
    // Act
    const results = [];
    for (const message of messages) results.push(await processAttioMessage(message, batch, dependencies));
    // Assess
    expect(results[0]).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('moved from deal deal-1') });
    expect(results.slice(1).map((result) => result.outcome)).toEqual(['noop', 'noop']);
    expect(partnero.transactionList).toHaveLength(1);
    expect(await claims.find('p1', 'deal-merged')).toMatchObject({ state: 'created', transactionKey: 'deal-1' });
    expect(await claims.find('p1', 'deal-1')).toMatchObject({ state: 'merged', mergedInto: 'deal-merged' });
    expect(await links.findByPartneroId('p1', 'transaction', 'deal-1')).toMatchObject({ attioRecordId: 'deal-merged' });
  });

  it('never pays on a merge event, even when the event naming the paid original has not arrived yet', async () => {
    // Prepare
    const { attio, partnero, claims, dependencies } = wonDeal();
    await processAttioMessage(aMessage(anEvent('record.updated', 'deal-1')), new AttioEventBatch(), dependencies);
    attio.records.delete('deal-1');
    attio.put(aDeal('deal-merged', { stageId: WON_STAGE, amount: 500, people: ['person-1'] }));
    const secondOriginalFirst = aMessage(
      anEvent('record.merged', 'deal-merged', { duplicateRecordId: 'deal-other' }),
      'k-merged-2',
    );
    const paidOriginal = aMessage(
      anEvent('record.merged', 'deal-merged', { duplicateRecordId: 'deal-1' }),
      'k-merged-1',
    );
    // Act: Attio's two merge events arrive in separate batches, the unpaid original's first.
    const first = await processAttioMessage(
      secondOriginalFirst,
      new AttioEventBatch([secondOriginalFirst]),
      dependencies,
    );
    const second = await processAttioMessage(paidOriginal, new AttioEventBatch([paidOriginal]), dependencies);
    // Assess
    expect(first).toMatchObject({ outcome: 'noop', reason: expect.stringContaining('moves links and claims only') });
    expect(second).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('moved from deal deal-1') });
    expect(partnero.transactionList).toHaveLength(1);
    expect(await claims.find('p1', 'deal-merged')).toMatchObject({ state: 'created', transactionKey: 'deal-1' });
  });

  it("moves a person's link on a merge that keeps the original record (Attio's old semantics)", async () => {
    // Prepare
    const { attio, links, dependencies } = setUp((settings) => (settings.customers.enabled = false));
    attio.put(aPerson('person-kept'));
    await links.save({
      programId: 'p1',
      kind: 'customer',
      partneroId: 'cust-1',
      attioObject: 'people',
      attioRecordId: 'person-dup',
      attioWrittenHash: null,
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: 'then',
    });
    // Act
    const processed = await processAttioMessage(
      aMessage(
        anEvent('record.merged', 'person-kept', { objectId: PEOPLE_OBJECT_ID, duplicateRecordId: 'person-dup' }),
      ),
      new AttioEventBatch(),
      dependencies,
    );
    // Assess
    expect(processed).toMatchObject({
      outcome: 'applied',
      reason: expect.stringContaining('link of Partnero customer cust-1 moved from person-dup'),
    });
    expect(await links.findByAttioRecordId('p1', 'person-kept', 'customer')).toMatchObject({ partneroId: 'cust-1' });
    expect(await links.findByAttioRecordId('p1', 'person-dup', 'customer')).toBeUndefined();
  });

  it('answers events of objects the sync does not read from Attio with a noop', async () => {
    // Prepare
    const { partnero, dependencies } = setUp();
    // Act
    const processed = await processAttioMessage(
      aMessage(anEvent('record.updated', 'company-1', { objectId: 'object-companies' })),
      new AttioEventBatch(),
      dependencies,
    );
    // Assess
    expect(processed).toMatchObject({
      outcome: 'noop',
      sourceRecord: 'attio:companies:company-1',
      reason: expect.stringContaining('companies object is not synced'),
    });
    expect(partnero.calls).toEqual([]);
  });

  it('rejects events of an unknown program, of another workspace, and malformed ones', async () => {
    // Prepare
    const { dependencies } = setUp();
    const event = anEvent('record.updated', 'deal-1');
    const otherWorkspace = { ...event, id: { ...event.id, workspace_id: 'elsewhere' } };
    // Act & Assess
    await expect(
      processAttioMessage(
        aMessage(anEvent('record.updated', 'deal-1'), 'k', 'nobody'),
        new AttioEventBatch(),
        dependencies,
      ),
    ).resolves.toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('not registered') });
    await expect(
      processAttioMessage(aMessage(otherWorkspace), new AttioEventBatch(), dependencies),
    ).resolves.toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('workspace') });
    await expect(
      processAttioMessage(aMessage({ event_type: 'record.updated' }), new AttioEventBatch(), dependencies),
    ).rejects.toThrow(/not an Attio record event/);
  });
});
