import { ClaimConflictError, ClaimRepository } from '../../../shared/commissions/claim-repository';
import { freshSyncTable } from '../../support/sync-table-fixture';

describe('ClaimRepository on DynamoDB Local', () => {
  let claims: ClaimRepository;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('claims');
    claims = new ClaimRepository(fixture.table);
    close = fixture.close;
  });
  afterAll(() => close());

  it('lets only one of two concurrent claims of the same deal through', async () => {
    // Act
    const attempts = await Promise.allSettled([
      claims.claim('p1', 'deal-race', undefined, 'first'),
      claims.claim('p1', 'deal-race', undefined, 'second'),
    ]);
    // Assess
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.find((attempt) => attempt.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ClaimConflictError);
  });

  it('walks a claim through created, archiving and archived, refusing a write based on a stale read', async () => {
    // Prepare
    const claimed = await claims.claim('p1', 'deal-walk', undefined, 'won');
    // Act
    const created = await claims.transition(claimed, 'created', {
      reason: 'paid',
      amount: 100,
      currency: 'USD',
      customerKey: 'c1',
    });
    const stale = claims.transition(claimed, 'rejected', { reason: 'late writer' });
    const archiving = await claims.transition(created, 'archiving', { reason: 'lost: archiving the transaction' });
    const archived = await claims.transition(archiving, 'archived', { reason: 'lost' });
    // Assess
    await expect(stale).rejects.toBeInstanceOf(ClaimConflictError);
    expect(archived).toMatchObject({ state: 'archived', version: 4 });
    await expect(claims.find('p1', 'deal-walk')).resolves.toEqual(archived);
  });

  it('moves a claim to the survivor of a merge in one transaction, and refuses when the survivor has its own', async () => {
    // Prepare
    const claimed = await claims.claim('p1', 'deal-old', undefined, 'won');
    const created = await claims.transition(claimed, 'created', { reason: 'paid' });
    const othersClaim = await claims.claim('p1', 'deal-other', undefined, 'won');
    // Act
    const moved = await claims.moveToSurvivor(created, 'deal-new');
    const refused = await claims.moveToSurvivor(othersClaim, 'deal-new');
    // Assess
    expect(moved).toMatchObject({ dealRecordId: 'deal-new', state: 'created', transactionKey: 'deal-old' });
    await expect(claims.find('p1', 'deal-new')).resolves.toMatchObject({
      state: 'created',
      transactionKey: 'deal-old',
    });
    await expect(claims.find('p1', 'deal-old')).resolves.toMatchObject({ state: 'merged', mergedInto: 'deal-new' });
    expect(refused).toBeUndefined();
    await expect(claims.find('p1', 'deal-other')).resolves.toMatchObject({ state: 'claimed' });
  });

  it("keeps the claims of one program apart from another's", async () => {
    // Prepare
    await claims.claim('p1', 'deal-shared-id', undefined, 'won');
    // Act
    const elsewhere = await claims.find('p2', 'deal-shared-id');
    // Assess
    expect(elsewhere).toBeUndefined();
  });
});
