import { kindsToBackfillAtSyncStart, syncedKinds } from '../../../shared/backfill/start-backfill';
import { defaultProgramSettings, programSettingsSchema } from '../../../shared/programs/program-settings';

describe('what a connect backfills', () => {
  it('backfills partners only by default', () => {
    expect(kindsToBackfillAtSyncStart(defaultProgramSettings())).toEqual(['partner']);
  });

  it('backfills the kinds asked for that the program syncs', () => {
    // Prepare
    const settings = defaultProgramSettings();
    settings.backfill.onConnect = { partners: false, customers: true, transactions: true };
    settings.deals.enabled = false;
    // Act, Assess: customer sync is off by default, deal sync was just turned off.
    expect(kindsToBackfillAtSyncStart(settings)).toEqual([]);
    settings.customers.enabled = true;
    expect(kindsToBackfillAtSyncStart(settings)).toEqual(['customer']);
  });

  it('backfills nothing on connect when the flag is off', () => {
    const settings = defaultProgramSettings();
    settings.backfill.onConnect.partners = false;
    expect(kindsToBackfillAtSyncStart(settings)).toEqual([]);
    expect(syncedKinds(settings)).toEqual(['partner', 'transaction']);
  });

  it('reads settings saved before backfills existed with the defaults', () => {
    // Prepare
    const { backfill: _backfill, ...saved } = defaultProgramSettings();
    // Act
    const parsed = programSettingsSchema.parse(saved);
    // Assess
    expect(parsed.backfill).toEqual({ onConnect: { partners: true, customers: false, transactions: false } });
  });
});
