import type { DealFacts } from '../../../shared/attio-to-partnero/deal-facts';
import type { CommissionClaim } from '../../../shared/commissions/commission-claim';
import { defaultProgramSettings, type DealSettings } from '../../../shared/programs/program-settings';
import { commissionStatusDrift, dealDrift, refundDrift } from '../../../shared/reconciliation/deal-drift';
import type { RecordLink } from '../../../shared/sync/link-repository';

const settings: DealSettings = {
  ...defaultProgramSettings().deals,
  wonStageId: 'won',
  reverseCommissionWhenUnwon: false,
};

function aDeal(stageId: string, fields: Partial<DealFacts> = {}): DealFacts {
  return {
    recordId: 'deal-1',
    stageId,
    value: { amount: 100, currency: 'USD' },
    peopleIds: ['person-1'],
    partneroTransactionKey: undefined,
    ...fields,
  };
}

function aClaim(state: CommissionClaim['state']): CommissionClaim {
  return {
    programId: 'prog',
    dealRecordId: 'deal-1',
    state,
    transactionKey: 'deal-1',
    version: 1,
    attempts: 1,
    customerKey: null,
    amount: null,
    currency: null,
    reason: '',
    mergedInto: null,
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

describe('dealDrift', () => {
  it('finds a won deal without a claim: its won webhook was missed', () => {
    expect(dealDrift(aDeal('won'), undefined, undefined, 'deal-1', settings)).toBe(
      'the deal is won and has no Partnero transaction (a missed webhook)',
    );
  });

  it('finds nothing for a won deal whose commission was created', () => {
    expect(dealDrift(aDeal('won'), aClaim('created'), undefined, 'deal-1', settings)).toBeUndefined();
  });

  it('finds nothing for a won deal that mirrors a Partnero sale (by tag or by link)', () => {
    // Prepare
    const link: RecordLink = {
      programId: 'prog',
      kind: 'transaction',
      partneroId: 'sale-9',
      attioObject: 'deals',
      attioRecordId: 'deal-1',
      attioWrittenHash: 'h',
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: '',
    };
    // Act, Assess
    expect(
      dealDrift(aDeal('won', { partneroTransactionKey: 'sale-9' }), undefined, undefined, 'deal-1', settings),
    ).toBeUndefined();
    expect(dealDrift(aDeal('won'), undefined, link, 'deal-1', settings)).toBeUndefined();
  });

  it('finds a won deal whose last attempt was refused or reversed, and any interrupted attempt', () => {
    // Prepare: the deal's stage, its claim's state, and the drift expected of them.
    const cases: [string, CommissionClaim['state'], string][] = [
      ['won', 'rejected', 'the deal is won and its commission is rejected'],
      ['won', 'reversed', 'the deal is won and its commission is reversed'],
      ['won', 'reversing', 'an attempt to reverse its commission was interrupted'],
      ['lead', 'reversing', 'an attempt to reverse its commission was interrupted'],
      ['lead', 'archiving', 'an attempt to reverse its commission was interrupted'],
      ['won', 'restoring', 'an attempt to restore its commission was interrupted'],
      ['won', 'archived', 'the deal is won and its commission is archived'],
      ['lead', 'claimed', 'an attempt to pay its commission was interrupted'],
    ];
    // Act, Assess
    expect(
      cases.map(([stage, state]) => dealDrift(aDeal(stage), aClaim(state), undefined, 'deal-1', settings)),
    ).toEqual(cases.map(([, , drift]) => drift));
    expect(
      dealDrift(aDeal('lead'), aClaim('archived'), undefined, 'deal-1', {
        ...settings,
        reverseCommissionWhenUnwon: true,
      }),
    ).toBeUndefined();
  });

  it('finds an unwon or deleted deal still paid only when reversal is on', () => {
    const reversing = { ...settings, reverseCommissionWhenUnwon: true };
    expect(dealDrift(aDeal('lead'), aClaim('created'), undefined, 'deal-1', settings)).toBeUndefined();
    expect(dealDrift(aDeal('lead'), aClaim('created'), undefined, 'deal-1', reversing)).toBe(
      'the deal is no longer won and its commission was not reversed',
    );
    expect(dealDrift(undefined, aClaim('created'), undefined, 'deal-1', reversing)).toBe(
      'the deal is deleted and its commission was not reversed',
    );
  });

  it('finds nothing while deal sync is off or no stage means won, nor for merged claims', () => {
    expect(dealDrift(aDeal('won'), undefined, undefined, 'deal-1', { ...settings, enabled: false })).toBeUndefined();
    expect(dealDrift(aDeal('won'), undefined, undefined, 'deal-1', { ...settings, wonStageId: null })).toBeUndefined();
    expect(dealDrift(aDeal('won'), aClaim('merged'), undefined, 'deal-1', settings)).toBeUndefined();
  });
});

describe('refundDrift', () => {
  const live = new Set(['sale-1']);

  it('finds the deal of a sale Partnero no longer lists that does not show the refund', () => {
    expect(refundDrift(aDeal('lead', { partneroTransactionKey: 'sale-2' }), 'active', live)).toMatch(
      /sale sale-2 is no longer in Partnero/,
    );
  });

  it('finds nothing for a live sale, a deal already marked refunded, or a deal won in Attio (its own id as the key)', () => {
    expect(refundDrift(aDeal('lead', { partneroTransactionKey: 'sale-1' }), 'active', live)).toBeUndefined();
    expect(refundDrift(aDeal('lead', { partneroTransactionKey: 'sale-2' }), 'refunded', live)).toBeUndefined();
    expect(refundDrift(aDeal('won', { partneroTransactionKey: 'deal-1' }), undefined, live)).toBeUndefined();
    expect(refundDrift(aDeal('won'), undefined, live)).toBeUndefined();
  });
});

describe('commissionStatusDrift', () => {
  it('asks for a refresh when the listed sale was archived or restored since the deal was written', () => {
    expect(commissionStatusDrift('ok', 'active', 'archived')).toContain('now says archived');
    expect(commissionStatusDrift('archived', 'active', 'ok')).toContain('now says ok');
  });

  it('leaves a deal alone when the status agrees, the deal has no status attribute, the sale was not listed, or it is refunded', () => {
    expect(commissionStatusDrift('ok', 'active', 'ok')).toBeUndefined();
    expect(commissionStatusDrift(undefined, 'active', 'archived')).toBeUndefined();
    expect(commissionStatusDrift('ok', 'active', undefined)).toBeUndefined();
    expect(commissionStatusDrift('reversed', 'refunded', 'archived')).toBeUndefined();
  });
});
