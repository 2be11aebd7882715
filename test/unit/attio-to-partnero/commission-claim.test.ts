import {
  canTransition,
  claimedFrom,
  movedToSurvivor,
  planCommission,
  transitioned,
  type ClaimState,
  type CommissionClaim,
} from '../../../shared/commissions/commission-claim';

const now = new Date('2025-06-01T12:00:00Z');

function aClaim(state: ClaimState, overrides: Partial<CommissionClaim> = {}): CommissionClaim {
  return {
    programId: 'p1',
    dealRecordId: 'deal-1',
    state,
    transactionKey: 'deal-1',
    version: 3,
    attempts: 1,
    customerKey: 'customer-1',
    amount: 100,
    currency: 'USD',
    reason: 'because',
    mergedInto: null,
    updatedAt: '2025-05-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('planCommission: what a deal event does to its commission', () => {
  it('pays a won deal that was never claimed, or whose earlier attempt was rejected, or whose commission was reversed', () => {
    // Act & Assess
    expect(planCommission(undefined, 'won', false)).toEqual({ kind: 'pay' });
    expect(planCommission(aClaim('rejected'), 'won', false)).toEqual({ kind: 'pay' });
    expect(planCommission(aClaim('reversed'), 'won', true)).toEqual({ kind: 'pay' });
  });

  it('never pays a won deal twice once its transaction was created', () => {
    // Act
    const step = planCommission(aClaim('created'), 'won', true);
    // Assess
    expect(step).toEqual({ kind: 'nothing', reason: expect.stringContaining('already created') });
  });

  it('asks Partnero before paying when an earlier attempt may have reached it', () => {
    // Act & Assess
    expect(planCommission(aClaim('claimed'), 'won', false)).toEqual({ kind: 'recover-then-pay' });
    expect(planCommission(aClaim('claimed'), 'not-won', false)).toEqual({ kind: 'recover-then-settle' });
    expect(planCommission(aClaim('claimed'), 'deleted', true)).toEqual({ kind: 'recover-then-settle' });
  });

  it('reverses a created commission of an unwon or deleted deal only when the program asks for it', () => {
    // Act & Assess
    expect(planCommission(aClaim('created'), 'not-won', true)).toEqual({ kind: 'reverse' });
    expect(planCommission(aClaim('created'), 'deleted', true)).toEqual({ kind: 'reverse' });
    expect(planCommission(aClaim('created'), 'not-won', false)).toEqual({ kind: 'keep' });
    expect(planCommission(aClaim('created'), 'deleted', false)).toEqual({ kind: 'keep' });
  });

  it('settles an interrupted reversal from what Partnero holds when the deal is won again, and finishes it otherwise', () => {
    // Act & Assess
    expect(planCommission(aClaim('reversing'), 'won', true)).toEqual({ kind: 'recover-reversal-then-pay' });
    expect(planCommission(aClaim('reversing'), 'won', false)).toEqual({ kind: 'recover-reversal-then-pay' });
    expect(planCommission(aClaim('reversing'), 'not-won', true)).toEqual({ kind: 'reverse' });
    // Begun while reversal was on: finished even if the setting was turned off since.
    expect(planCommission(aClaim('reversing'), 'deleted', false)).toEqual({ kind: 'reverse' });
  });

  it('restores an archived (or archiving, or restoring) deal that is won again, and archives it when unwon again', () => {
    // Act & Assess
    for (const state of ['archiving', 'archived', 'restoring'] as const)
      expect(planCommission(aClaim(state), 'won', false)).toEqual({ kind: 'restore' });
    expect(planCommission(aClaim('archiving'), 'not-won', false)).toEqual({ kind: 'reverse' });
    expect(planCommission(aClaim('restoring'), 'deleted', true)).toEqual({ kind: 'reverse' });
    expect(planCommission(aClaim('archived'), 'not-won', true)).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('archived'),
    });
  });

  it('does nothing for a deal that is not won and has nothing in Partnero', () => {
    // Act & Assess
    expect(planCommission(undefined, 'not-won', true)).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('no commission was ever created'),
    });
    expect(planCommission(aClaim('reversed'), 'not-won', true)).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('already reversed'),
    });
    expect(planCommission(aClaim('rejected'), 'deleted', true)).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('deleted'),
    });
  });

  it('leaves a merged-away deal to the record that took its claim over', () => {
    // Act
    const step = planCommission(aClaim('merged', { mergedInto: 'deal-2' }), 'won', true);
    // Assess
    expect(step).toEqual({ kind: 'nothing', reason: expect.stringContaining('deal-2') });
  });
});

describe('the claim state machine', () => {
  it('allows only the documented transitions', () => {
    // Act & Assess
    expect(canTransition(undefined, 'claimed')).toBe(true);
    expect(canTransition(undefined, 'created')).toBe(false);
    expect(canTransition('claimed', 'created')).toBe(true);
    expect(canTransition('claimed', 'rejected')).toBe(true);
    expect(canTransition('created', 'claimed')).toBe(false);
    // A reversal is recorded before Partnero is asked, so `created` never jumps straight to `archived` or `reversed`.
    expect(canTransition('created', 'archived')).toBe(false);
    expect(canTransition('created', 'reversed')).toBe(false);
    expect(canTransition('created', 'archiving')).toBe(true);
    // New reversals archive; `reversing` is only an older version's delete in flight.
    expect(canTransition('created', 'reversing')).toBe(false);
    expect(canTransition('archiving', 'archived')).toBe(true);
    // A restore is recorded first too, and an archived deal is restored, never claimed (paid) again.
    expect(canTransition('archived', 'created')).toBe(false);
    expect(canTransition('archived', 'claimed')).toBe(false);
    expect(canTransition('archived', 'restoring')).toBe(true);
    expect(canTransition('restoring', 'created')).toBe(true);
    expect(canTransition('restoring', 'archiving')).toBe(true);
    expect(canTransition('reversing', 'archiving')).toBe(true);
    expect(canTransition('reversing', 'reversed')).toBe(true);
    expect(canTransition('reversing', 'created')).toBe(true);
    expect(canTransition('reversing', 'claimed')).toBe(false);
    expect(canTransition('reversed', 'claimed')).toBe(true);
    expect(canTransition('rejected', 'claimed')).toBe(true);
    expect(canTransition('merged', 'claimed')).toBe(false);
  });

  it('claims a new deal under its own id as the transaction key', () => {
    // Act
    const claim = claimedFrom(undefined, 'p1', 'deal-9', 'won', now);
    // Assess
    expect(claim).toMatchObject({
      state: 'claimed',
      transactionKey: 'deal-9',
      version: 1,
      attempts: 1,
      updatedAt: now.toISOString(),
    });
  });

  it('claims a reversed deal again under the same transaction key, one version and one attempt further', () => {
    // Act
    const claim = claimedFrom(aClaim('reversed', { transactionKey: 'deal-0' }), 'p1', 'deal-1', 'won again', now);
    // Assess
    expect(claim).toMatchObject({
      state: 'claimed',
      transactionKey: 'deal-0',
      version: 4,
      attempts: 2,
      reason: 'won again',
    });
  });

  it('refuses to claim a deal whose commission was created', () => {
    // Act & Assess
    expect(() => claimedFrom(aClaim('created'), 'p1', 'deal-1', 'won', now)).toThrow(
      /cannot go from created to claimed/,
    );
  });

  it('records a transition with the next version and its details', () => {
    // Act
    const created = transitioned(
      aClaim('claimed'),
      'created',
      { reason: 'paid', amount: 250, currency: 'EUR', customerKey: 'c-2' },
      now,
    );
    // Assess
    expect(created).toMatchObject({
      state: 'created',
      version: 4,
      amount: 250,
      currency: 'EUR',
      customerKey: 'c-2',
      reason: 'paid',
    });
  });

  it('moves a claim to the surviving record of a merge, keeping its state and transaction key', () => {
    // Act
    const { moved, left } = movedToSurvivor(aClaim('created'), 'deal-new', now);
    // Assess
    expect(moved).toMatchObject({ dealRecordId: 'deal-new', state: 'created', transactionKey: 'deal-1', version: 1 });
    expect(left).toMatchObject({ dealRecordId: 'deal-1', state: 'merged', mergedInto: 'deal-new', version: 4 });
  });
});
