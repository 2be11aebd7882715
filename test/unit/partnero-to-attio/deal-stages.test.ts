import { newDealStage, refundedDealStage } from '../../../shared/partnero-to-attio/deal-stages';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import { dealStages } from './attribute-fixtures';

const deals = defaultProgramSettings().deals;

describe('newDealStage', () => {
  it('uses the stage configured for new deals', () => {
    expect(newDealStage({ ...deals, newDealStageId: 'stage-progress', wonStageId: 'stage-won' }, dealStages)).toEqual({
      kind: 'status',
      statusId: 'stage-progress',
      title: 'In Progress',
    });
  });

  it('uses the won stage when no stage for new deals is configured', () => {
    expect(newDealStage({ ...deals, wonStageId: 'stage-lead' }, dealStages).statusId).toBe('stage-lead');
  });

  it('finds the stage titled won when nothing is configured', () => {
    expect(newDealStage(deals, dealStages).statusId).toBe('stage-won');
  });

  it('refuses a configured stage that is archived or gone', () => {
    expect(() => newDealStage({ ...deals, newDealStageId: 'stage-gone' }, dealStages)).toThrow(/not an active stage/);
    expect(() =>
      newDealStage(
        { ...deals, newDealStageId: 'stage-lead' },
        dealStages.map((status) => ({ ...status, isArchived: true })),
      ),
    ).toThrow(/not an active stage/);
  });
});

describe('refundedDealStage', () => {
  it('finds the lost stage, or none', () => {
    expect(refundedDealStage(dealStages)?.statusId).toBe('stage-lost');
    expect(refundedDealStage(dealStages.filter((status) => status.title !== 'Lost'))).toBeUndefined();
  });
});
