import type { AttioClient } from '../attio/attio-client';
import { buildAuthorizeUrl, exchangeAuthorizationCode, revokeToken } from '../attio/attio-oauth';
import { ProgramNotFoundError, ProviderHttpError, ProviderRefusedError } from '../errors';
import { tokenPurposes } from '../programs/program-context';
import type { OAuthStateStore, StoredOAuthState } from '../programs/oauth-state-store';
import type { AttioConnection, AttioWorkspaceCheck } from '../programs/program-repository';
import type { AuditLog } from '../sync/audit-log';
import type { AttioAccess, ProgramStore } from './attio-access';
import { releaseAttioConnection } from './attio-disconnect';
import { activateAttioWorkspace } from './attio-sync-activation';
import { checkAttioWorkspace, MissingAttioScopesError } from './attio-workspace-check';
import { attioRedirectUri, attioWebhookTarget } from './webhook-targets';

export interface ConnectDependencies extends ProgramStore {
  readonly states: OAuthStateStore;
  readonly attio: AttioAccess;
  readonly audit: AuditLog;
  readonly publicApiUrl: string;
  readonly now?: () => Date;
}

/** "Connect with Attio": a single-use state bound to the program, and Attio's authorize URL carrying it. */
export async function startAttioConnect(
  deps: ConnectDependencies,
  programId: string,
): Promise<{ authorizeUrl: string; state: StoredOAuthState }> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const state = await deps.states.create(programId, (deps.now ?? (() => new Date()))());
  const { clientId } = await deps.attio.credentials();
  const authorizeUrl = buildAuthorizeUrl({
    appUrl: deps.attio.appUrl,
    clientId,
    redirectUri: attioRedirectUri(deps.publicApiUrl),
    state: state.nonce,
  });
  return { authorizeUrl, state };
}

export interface CompletedConnect {
  readonly programId: string;
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** Webhooks of ours that the new one replaced (a reconnect, or a connect interrupted earlier). */
  readonly replacedWebhooks: string[];
  /** Objects the settings need that the workspace lacks (Deals until an admin enables it). */
  readonly missingObjects: string[];
  /** Scopes the service uses that the token lacks (none of them essential, or connect fails). */
  readonly missingScopes: string[];
  /** True when the program's sync had started before: the reconnect set up the new token's webhook. */
  readonly syncRunning: boolean;
}

/**
 * The callback's work once its state checked out, in this order:
 *
 *   code ─▶ token ─▶ /v2/self (workspace, scopes) ─▶ objects (Deals? the partners' object?) ─▶
 *   [sync already started: sync attributes, webhook] ─▶ connection stored (token encrypted) ─▶
 *   previous connection's webhook deleted and token revoked
 *
 * Connect is read-only on the customer's Attio: it creates no record, attribute or webhook.
 * The first Save starts the sync (settings-service.ts). Only a program whose sync already runs
 * gets, on reconnect, what the new token needs to go on syncing: its attributes and webhook.
 *
 * If a step after the exchange fails, the new webhook and token are undone (best effort) so a
 * failed connect leaves nothing behind, and the previous connection, if any, stays as it was.
 */
export async function completeAttioConnect(
  deps: ConnectDependencies,
  programId: string,
  code: string,
): Promise<CompletedConnect> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const { clientId, clientSecret } = await deps.attio.credentials();
  const redirectUri = attioRedirectUri(deps.publicApiUrl);
  const now = (deps.now ?? (() => new Date()))();
  let accessToken: string;
  try {
    accessToken = await exchangeAuthorizationCode({
      appUrl: deps.attio.appUrl,
      clientId,
      clientSecret,
      code,
      redirectUri,
    });
  } catch (error) {
    if (error instanceof ProviderHttpError)
      throw new ProviderRefusedError(
        'attio',
        'Attio did not accept the sign-in (the code was refused or already used). Try connecting again.',
        { cause: error },
      );
    throw error;
  }

  const attio = deps.attio.client(accessToken);
  let createdWebhookId: string | undefined;
  let stored = false;
  try {
    const self = await attio.self();
    if (!self.active)
      throw new ProviderRefusedError('attio', 'Attio says the new token is not active. Try connecting again.');
    const previous = await deps.programs.getAttioConnection(programId);
    const storedSettings = await deps.programs.getSettings(programId);
    const targetObject = storedSettings.settings.partners.targetObject;
    const check = await checkAttioWorkspace(attio, self.scope, targetObject, now);

    const syncRunning = storedSettings.syncStartedAt !== null;
    const activated = syncRunning
      ? await activateAttioWorkspace(attio, {
          targetUrl: attioWebhookTarget(deps.publicApiUrl, programId),
          settings: storedSettings.settings,
          ourActorId: null,
          check,
        })
      : undefined;
    const webhook = activated?.webhook ?? null;
    createdWebhookId = webhook?.webhookId;

    const encrypt = (plaintext: string, purpose: string) => deps.cipher.encrypt(plaintext, { programId, purpose });
    const connection: AttioConnection = {
      programId,
      workspaceId: self.workspace_id,
      workspaceName: self.workspace_name,
      accessTokenCiphertext: await encrypt(accessToken, tokenPurposes.attioAccessToken),
      authorizedByWorkspaceMemberId: self.authorized_by_workspace_member_id,
      // A new token writes as a new actor: learned again from its first write.
      actor: null,
      webhookId: webhook?.webhookId ?? null,
      webhookSecretCiphertext: webhook ? await encrypt(webhook.secret, tokenPurposes.attioWebhookSecret) : null,
      connectedAt: now.toISOString(),
      workspaceCheck: check,
    };
    await deps.programs.putAttioConnection(connection);
    stored = true;

    const replaced = [...(webhook?.removed ?? [])];
    if (previous) replaced.push(...(await retirePreviousConnection(deps, previous, webhook?.removed ?? [])));
    await deps.audit.record({
      programId,
      direction: 'settings',
      sourceEvent: previous ? 'attio.reconnected' : 'attio.connected',
      sourceRecord: `attio:workspace:${self.workspace_id}`,
      targetRecord: webhook ? `attio:webhook:${webhook.webhookId}` : null,
      outcome: 'applied',
      reason: connectSummary(self.workspace_name, check, syncRunning),
      at: now.toISOString(),
    });
    return {
      programId,
      workspaceId: self.workspace_id,
      workspaceName: self.workspace_name,
      replacedWebhooks: [...new Set(replaced)],
      missingObjects: check.missingObjects,
      missingScopes: check.missingScopes,
      syncRunning,
    };
  } catch (error) {
    if (!stored) await undoNewConnection(attio, deps, accessToken, createdWebhookId);
    if (error instanceof MissingAttioScopesError) {
      await deps.audit.record({
        programId,
        direction: 'settings',
        sourceEvent: 'attio.connect-refused',
        sourceRecord: 'attio:oauth',
        targetRecord: null,
        outcome: 'rejected',
        reason: `${error.message} Missing: ${error.missingScopes.join(', ')}.`,
        at: now.toISOString(),
      });
    }
    throw error;
  }
}

function connectSummary(workspaceName: string, check: AttioWorkspaceCheck, syncRunning: boolean): string {
  const parts = [`Connected to ${workspaceName}`];
  if (check.missingObjects.length > 0) parts.push(`objects not available in Attio: ${check.missingObjects.join(', ')}`);
  if (check.missingScopes.length > 0) parts.push(`scopes not granted: ${check.missingScopes.join(', ')}`);
  parts.push(syncRunning ? 'the sync goes on with the new connection' : 'the sync starts when the settings are saved');
  return parts.join('; ');
}

/**
 * The connection the new one replaces: its webhook is deleted unless the new token already did
 * (same workspace), and its token is revoked. Best effort: the new connection is already in
 * place, and an old token Attio refuses has nothing left to clean up.
 */
async function retirePreviousConnection(
  deps: ConnectDependencies,
  previous: AttioConnection,
  alreadyRemoved: readonly string[],
): Promise<string[]> {
  const stale =
    previous.webhookId !== null && alreadyRemoved.includes(previous.webhookId)
      ? { ...previous, webhookId: null }
      : previous;
  try {
    const released = await releaseAttioConnection(deps, deps.attio, stale);
    return released.webhook === 'deleted' && previous.webhookId ? [previous.webhookId] : [];
  } catch {
    return [];
  }
}

async function undoNewConnection(
  attio: AttioClient,
  deps: ConnectDependencies,
  accessToken: string,
  webhookId: string | undefined,
): Promise<void> {
  try {
    if (webhookId) await attio.webhooks.delete(webhookId);
  } catch {
    // Left for the next connect, which deletes every webhook of ours at this target.
  }
  try {
    const { clientId, clientSecret } = await deps.attio.credentials();
    await revokeToken({ appUrl: deps.attio.appUrl, clientId, clientSecret, accessToken });
  } catch {
    // The token is unused and unstored; nothing else can be done with it.
  }
}
