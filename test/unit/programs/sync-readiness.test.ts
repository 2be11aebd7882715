import { dealsTurnedOff, syncNotStartedReason } from '../../../shared/programs/sync-readiness';

describe('sync readiness of a program', () => {
  it('holds every event until the first Save set syncStartedAt', () => {
    expect(syncNotStartedReason({ syncStartedAt: null })).toContain('first saved');
    expect(syncNotStartedReason({ syncStartedAt: '2026-12-01T00:00:00.000Z' })).toBeUndefined();
  });

  it('knows Deals are off only when connect or a Save found them missing', () => {
    const withCheck = (missingObjects: string[]) => ({
      workspaceCheck: { grantedScopes: [], missingScopes: [], missingObjects, checkedAt: 'x' },
    });
    expect(dealsTurnedOff(withCheck(['deals']))).toBe(true);
    expect(dealsTurnedOff(withCheck([]))).toBe(false);
    expect(dealsTurnedOff({ workspaceCheck: undefined })).toBe(false);
    expect(dealsTurnedOff(undefined)).toBe(false);
  });
});
