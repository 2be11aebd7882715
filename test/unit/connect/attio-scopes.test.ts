import { missingAttioScopes, missingScopesAdvice, scopeCovers, scopeLabel } from '../../../shared/connect/attio-scopes';

describe('the Attio scopes the sync needs', () => {
  it('finds nothing missing when the token has every scope the service calls with', () => {
    expect(
      missingAttioScopes(
        'record_permission:read-write object_configuration:read-write webhook:read-write user_management:read',
      ),
    ).toEqual([]);
  });

  it('counts read-write as covering read, never the other way round', () => {
    expect(scopeCovers(['user_management:read-write'], 'user_management:read')).toBe(true);
    expect(scopeCovers(['record_permission:read'], 'record_permission:read-write')).toBe(false);
  });

  it('names each missing scope and whether it is essential', () => {
    const missing = missingAttioScopes('record_permission:read object_configuration:read-write user_management:read');
    expect(missing.map((needed) => [needed.scope, needed.essential])).toEqual([
      ['record_permission:read-write', true],
      ['webhook:read-write', false],
    ]);
  });

  it('treats an empty scope string (a fresh app) as missing everything', () => {
    expect(missingAttioScopes('').map((needed) => needed.scope)).toEqual([
      'record_permission:read-write',
      'object_configuration:read-write',
      'user_management:read',
      'webhook:read-write',
    ]);
  });

  it('says which Attio app setting to change, in the words of the app settings', () => {
    expect(scopeLabel('webhook:read-write')).toBe('Webhook: Read-write');
    expect(scopeLabel('user_management:read')).toBe('User management: Read');
    expect(missingScopesAdvice(['webhook:read-write'])).toContain('"Webhook: Read-write"');
  });
});
