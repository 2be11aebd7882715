import {
  dealStanding,
  mirroredTransactionKey,
  readDeal,
  unusableValueReason,
} from '../../../shared/attio-to-partnero/deal-facts';
import { defaultProgramSettings, type DealSettings } from '../../../shared/programs/program-settings';
import type { RecordLink } from '../../../shared/sync/link-repository';
import { aDeal, LOST_STAGE, WON_STAGE } from './attio-records';

function dealSettings(wonStageId: string | null = WON_STAGE): DealSettings {
  return { ...defaultProgramSettings().deals, wonStageId };
}

function aLink(partneroId: string, attioRecordId: string): RecordLink {
  return {
    programId: 'p1',
    kind: 'transaction',
    partneroId,
    attioObject: 'deals',
    attioRecordId,
    attioWrittenHash: null,
    partneroWrittenHash: null,
    partneroVersion: null,
    updatedAt: 'now',
  };
}

describe('dealStanding', () => {
  it('is won only in the stage the program chose as won', () => {
    // Act & Assess
    expect(dealStanding(readDeal(aDeal('d1', { stageId: WON_STAGE })), dealSettings())).toBe('won');
    expect(dealStanding(readDeal(aDeal('d1', { stageId: LOST_STAGE })), dealSettings())).toBe('not-won');
    expect(dealStanding(readDeal(aDeal('d1', { stageId: WON_STAGE })), dealSettings('another-stage'))).toBe('not-won');
  });

  it('is deleted when the deal could not be read', () => {
    // Act & Assess
    expect(dealStanding(undefined, dealSettings())).toBe('deleted');
  });
});

describe('mirroredTransactionKey', () => {
  it('names the Partnero sale a deal was made from, by its tag or by its link', () => {
    // Act & Assess
    expect(mirroredTransactionKey(readDeal(aDeal('d1', { transactionKey: 'sale-7' })), undefined, 'd1')).toBe('sale-7');
    expect(mirroredTransactionKey(readDeal(aDeal('d1')), aLink('sale-8', 'd1'), 'd1')).toBe('sale-8');
  });

  it('does not take a deal whose transaction this direction made (keyed by the deal id) for a mirror', () => {
    // Act & Assess
    expect(
      mirroredTransactionKey(readDeal(aDeal('d1', { transactionKey: 'd1' })), aLink('d1', 'd1'), 'd1'),
    ).toBeUndefined();
    expect(mirroredTransactionKey(readDeal(aDeal('d1')), undefined, 'd1')).toBeUndefined();
  });
});

describe('unusableValueReason', () => {
  it('accepts a positive value and explains a missing or non-positive one', () => {
    // Act & Assess
    expect(unusableValueReason({ amount: 10, currency: 'USD' })).toBeUndefined();
    expect(unusableValueReason(undefined)).toMatch(/no value/);
    expect(unusableValueReason({ amount: 0, currency: 'USD' })).toMatch(/positive/);
  });
});
