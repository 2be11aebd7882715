/**
 * The Attio scopes the service needs, derived from the operations it calls (scopes per endpoint
 * from the `security` of each path in Attio's OpenAPI document, see
 * `shared/reference/attio-api.md` §1 "Scopes the sync needs"), and what a token's `/v2/self`
 * `scope` (space-separated) lacks of them.
 *
 * A scope is granted as `<name>:read` or `<name>:read-write`; `read-write` includes `read`.
 */

export interface NeededScope {
  /** As Attio names it, e.g. `record_permission:read-write`. */
  readonly scope: string;
  /** What the service does with it, in a program manager's words. */
  readonly usedFor: string;
  /**
   * Essential scopes fail the connect: without them nothing syncs. The others are stored as
   * missing, shown on the Status tab, and switch off only what needs them.
   */
  readonly essential: boolean;
}

export const neededAttioScopes: readonly NeededScope[] = [
  // POST/PATCH/PUT /v2/objects/{object}/records (assert, update), records query, get and delete.
  { scope: 'record_permission:read-write', usedFor: 'create and update people, companies and deals', essential: true },
  // GET /v2/objects, attributes and statuses (the settings lists); POST attributes and select
  // options (the sync's `partnero_*` attributes, created at the first Save).
  {
    scope: 'object_configuration:read-write',
    usedFor: 'read your objects and add the Partnero attributes',
    essential: true,
  },
  // GET /v2/workspace_members: the deal-owner list on the settings page.
  { scope: 'user_management:read', usedFor: 'list workspace members as deal owners', essential: true },
  // POST/GET/PATCH/DELETE /v2/webhooks: Attio -> Partnero (won deals, people updates).
  { scope: 'webhook:read-write', usedFor: 'hear about won deals and updated people in Attio', essential: false },
];

/** The scope names of a `/v2/self` `scope` string. */
export function grantedScopes(scope: string): string[] {
  return scope.split(/\s+/).filter((part) => part.length > 0);
}

/** True when `granted` covers `needed` (`read-write` covers `read`). */
export function scopeCovers(granted: readonly string[], needed: string): boolean {
  if (granted.includes(needed)) return true;
  const [name, level] = needed.split(':');
  return level === 'read' && granted.includes(`${name}:read-write`);
}

/** The needed scopes the token lacks, in the order above. */
export function missingAttioScopes(scope: string): NeededScope[] {
  const granted = grantedScopes(scope);
  return neededAttioScopes.filter((needed) => !scopeCovers(granted, needed.scope));
}

/** `webhook:read-write` as Attio's app settings show it: "Webhook: Read-write". */
export function scopeLabel(scope: string): string {
  const [name = scope, level = ''] = scope.split(':');
  const words = name.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}: ${level === 'read-write' ? 'Read-write' : 'Read'}`;
}

/** The one-line fix for missing scopes, for a program manager. */
export function missingScopesAdvice(missing: readonly string[]): string {
  const scopes = missing.map((scope) => `"${scopeLabel(scope)}"`).join(', ');
  return `Ask whoever manages your Attio app to enable ${scopes} under the app's Scopes (build.attio.com), then reconnect Attio here.`;
}
