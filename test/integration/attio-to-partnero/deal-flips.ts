import { startAttioToPartneroHarness, type AttioToPartneroHarness } from './sync-harness';

/**
 * A won deal that goes in and out of the won stage keeps exactly one Partnero transaction: each
 * exit archives it (its rewards soft-deleted, the commission reversed) and each re-win restores
 * it. Run against both readings of what Partnero's reads show of an archived transaction: hidden
 * from GET and the list (the simulator's default, the strictest), or listed with `deleted_at`.
 * One harness per test file: the handlers read their environment once per module registry.
 */
export function describeDealFlips(archivedTransactionsReadable: boolean): void {
  describe(`Attio -> Partnero: a deal flipping in and out of won (archived transactions readable: ${archivedTransactionsReadable})`, () => {
    let harness: AttioToPartneroHarness;

    beforeAll(async () => {
      harness = await startAttioToPartneroHarness(`a2p-flips-${archivedTransactionsReadable}`, {
        partneroProgram: { archivedTransactionsReadable },
      });
      await harness.changeSettings((settings) => (settings.deals.reverseCommissionWhenUnwon = true));
    });
    afterAll(async () => {
      await harness?.stop();
    });

    it('archives its one transaction on every exit from won and restores it on every re-win', async () => {
      // Prepare
      const buyer = await harness.aBuyer('flipper');
      const dealId = await harness.aDeal('flipper', buyer.personId, 200);
      await harness.settle();
      const steps: { stage: string; commission: number; recorded: number; archived: boolean[] }[] = [];

      // Act
      for (const stage of ['won', 'lost', 'won', 'lead', 'won'] as const) {
        harness.moveDeal(dealId, stage);
        await harness.settle();
        const recorded = harness.transactionsOf(dealId);
        steps.push({
          stage,
          commission: Math.round(harness.commission() * 1000) / 1000,
          recorded: recorded.length,
          archived: recorded.map((transaction) => transaction.archived),
        });
      }

      // Assess
      expect(steps).toEqual([
        { stage: 'won', commission: 60, recorded: 1, archived: [false] },
        { stage: 'lost', commission: 0, recorded: 1, archived: [true] },
        { stage: 'won', commission: 60, recorded: 1, archived: [false] },
        { stage: 'lead', commission: 0, recorded: 1, archived: [true] },
        { stage: 'won', commission: 60, recorded: 1, archived: [false] },
      ]);
      await expect(harness.claims.find(harness.programId, dealId)).resolves.toMatchObject({
        state: 'created',
        attempts: 1,
      });
      const reasons = (await harness.history(dealId)).map((entry) => entry.reason);
      expect(reasons.filter((reason) => /archived, reversing the commission/.test(reason))).toHaveLength(2);
      expect(reasons.filter((reason) => /restored with its commission/.test(reason))).toHaveLength(2);
    });
  });
}
