import { attioSetupIssues, syncStateLine } from '../../../shared/settings/attio-setup-advice';

const check = (overrides: { missingScopes?: string[]; missingObjects?: string[] } = {}) => ({
  grantedScopes: [],
  missingScopes: [],
  missingObjects: [],
  checkedAt: 'x',
  ...overrides,
});

describe('what the Status tab says Attio lacks', () => {
  it('says nothing for a workspace and app that have everything, or a connection checked before checks existed', () => {
    expect(attioSetupIssues(check(), 'people')).toEqual([]);
    expect(attioSetupIssues(undefined, 'people')).toEqual([]);
  });

  it('names the Attio setting that turns Deals on, and that partners and customers still sync', () => {
    const [issue] = attioSetupIssues(check({ missingObjects: ['deals'] }), 'people');
    expect(issue?.code).toBe('deals-disabled');
    expect(issue?.message).toContain('Workspace settings > Objects > Deals > Enable');
    expect(issue?.message).toContain('partners and customers are');
  });

  it('asks to choose another object when the partners’ custom object is gone', () => {
    expect(attioSetupIssues(check({ missingObjects: ['affiliates'] }), 'affiliates')).toEqual([
      { code: 'object-missing', message: expect.stringContaining('"affiliates"') },
    ]);
  });

  it('says which scope to allow, in the words of Attio’s app settings, and to reconnect', () => {
    const [issue] = attioSetupIssues(check({ missingScopes: ['webhook:read-write'] }), 'people');
    expect(issue).toEqual({ code: 'scope-missing', message: expect.stringContaining('"Webhook: Read-write"') });
    expect(issue?.message).toContain('reconnect');
  });
});

describe('the Status tab’s line on whether the sync runs', () => {
  it('tells a connected program that has not saved that nothing is written until it saves', () => {
    expect(syncStateLine(null, true)).toMatch(/^Not started: .*Save\. Until then nothing is written/);
  });

  it('says syncing once the first Save started it, and paused while Attio is disconnected', () => {
    expect(syncStateLine('2026-12-01T00:00:00.000Z', true)).toMatch(/^Syncing/);
    expect(syncStateLine('2026-12-01T00:00:00.000Z', false)).toMatch(/^Paused/);
  });
});
