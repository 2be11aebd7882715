import type { AttioClient } from '../attio/attio-client';
import { syncedAttioObjects } from '../programs/attio-sync-attributes';
import type { AttioWorkspaceCheck } from '../programs/program-repository';
import { missingAttioScopes, missingScopesAdvice, grantedScopes } from './attio-scopes';
import { ProviderRefusedError } from '../errors';

/** The token lacks a scope without which nothing can sync: the connect is refused (400). */
export class MissingAttioScopesError extends ProviderRefusedError {
  readonly missingScopes: string[];

  constructor(missingScopes: string[]) {
    super('attio', `The Attio app is missing permissions the sync needs. ${missingScopesAdvice(missingScopes)}`);
    this.missingScopes = missingScopes;
  }
}

/**
 * What the workspace offers the sync, read without writing anything: the token's scopes
 * (`/v2/self` `scope`) against the service's, then `GET /v2/objects` for the objects the
 * settings need. A disabled Deals object is not listed (an admin enables it under Workspace
 * settings > Objects), and a custom object chosen for partners may have been deleted since.
 *
 * Throws MissingAttioScopesError when an essential scope is missing; other gaps are returned.
 */
export async function checkAttioWorkspace(
  attio: AttioClient,
  scope: string,
  partnerTargetObject: string,
  now: Date,
): Promise<AttioWorkspaceCheck> {
  const missing = missingAttioScopes(scope);
  const essential = missing.filter((needed) => needed.essential).map((needed) => needed.scope);
  if (essential.length > 0) throw new MissingAttioScopesError(essential);
  const listed = new Set(
    (await attio.objects.list()).map((object) => object.api_slug).filter((slug): slug is string => slug !== null),
  );
  return {
    grantedScopes: grantedScopes(scope),
    missingScopes: missing.map((needed) => needed.scope),
    missingObjects: syncedAttioObjects(partnerTargetObject).filter((slug) => !listed.has(slug)),
    checkedAt: now.toISOString(),
  };
}

/** True when the token may manage webhooks (the Attio -> Partnero direction). */
export function mayManageWebhooks(check: Pick<AttioWorkspaceCheck, 'missingScopes'> | undefined): boolean {
  return !check?.missingScopes.includes('webhook:read-write');
}
