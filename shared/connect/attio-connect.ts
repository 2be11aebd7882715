import type { AttioClient } from '../attio/attio-client';
import { buildAuthorizeUrl, exchangeAuthorizationCode, revokeToken } from '../attio/attio-oauth';
import type { BackfillStore } from '../backfill/backfill-store';
import { startBackfillOnConnect } from '../backfill/start-backfill';
import { ProviderHttpError } from '../errors';
import { tokenPurposes } from '../programs/program-context';
import type { OAuthStateStore, StoredOAuthState } from '../programs/oauth-state-store';
import type { AttioConnection } from '../programs/program-repository';
import type { AuditLog } from '../sync/audit-log';
import type { AttioAccess, ProgramStore } from './attio-access';
import { releaseAttioConnection } from './attio-disconnect';
import { ensureSyncAttributes, replaceAttioWebhook } from './attio-workspace-setup';
import { ProgramNotFoundError, ProviderRefusedError } from './connect-errors';
import { attioRedirectUri, attioWebhookTarget } from './webhook-targets';

export interface ConnectDependencies extends ProgramStore {
  readonly states: OAuthStateStore;
  readonly attio: AttioAccess;
  readonly audit: AuditLog;
  readonly publicApiUrl: string;
  /** Where a connect starts the program's backfill of existing Partnero records; none without it. */
  readonly backfills?: BackfillStore;
  readonly now?: () => Date;
}

/** "Connect with Attio": a single-use state bound to the program, and Attio's authorize URL carrying it. */
export async function startAttioConnect(deps: ConnectDependencies, programId: string): Promise<{ authorizeUrl: string; state: StoredOAuthState }> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const state = await deps.states.create(programId, (deps.now ?? (() => new Date()))());
  const { clientId } = await deps.attio.credentials();
  const authorizeUrl = buildAuthorizeUrl({ appUrl: deps.attio.appUrl, clientId, redirectUri: attioRedirectUri(deps.publicApiUrl), state: state.nonce });
  return { authorizeUrl, state };
}

export interface CompletedConnect {
  readonly programId: string;
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** Webhooks of ours that the new one replaced (a reconnect, or a connect interrupted earlier). */
  readonly replacedWebhooks: string[];
  readonly missingObjects: string[];
  readonly actorKnown: boolean;
}

/**
 * The callback's work once its state checked out, in this order:
 *
 *   code ─▶ token ─▶ /v2/self (workspace) ─▶ sync attributes ─▶ webhook (new, then
 *   old ones of ours deleted) ─▶ connection stored (token and secret encrypted) ─▶ previous
 *   connection's token revoked
 *
 * If a step after the exchange fails, the new webhook and token are undone (best effort) so a
 * failed connect leaves nothing behind, and the previous connection, if any, stays as it was.
 */
export async function completeAttioConnect(deps: ConnectDependencies, programId: string, code: string): Promise<CompletedConnect> {
  if (!(await deps.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const { clientId, clientSecret } = await deps.attio.credentials();
  const redirectUri = attioRedirectUri(deps.publicApiUrl);
  let accessToken: string;
  try {
    accessToken = await exchangeAuthorizationCode({ appUrl: deps.attio.appUrl, clientId, clientSecret, code, redirectUri });
  } catch (error) {
    if (error instanceof ProviderHttpError) throw new ProviderRefusedError('attio', 'Attio did not accept the sign-in (the code was refused or already used). Try connecting again.', { cause: error });
    throw error;
  }

  const attio = deps.attio.client(accessToken);
  let createdWebhookId: string | undefined;
  let stored = false;
  try {
    const self = await attio.self();
    if (!self.active) throw new ProviderRefusedError('attio', 'Attio says the new token is not active. Try connecting again.');
    const previous = await deps.programs.getAttioConnection(programId);
    const { settings } = await deps.programs.getSettings(programId);
    const targetObject = settings.partners.targetObject;

    const attributes = await ensureSyncAttributes(attio, targetObject);
    // Our actor is not known yet: it is learned from the sync's first write (own-actor-learning.ts), no record is made to find it.
    const actor = null;
    const target = attioWebhookTarget(deps.publicApiUrl, programId);
    const webhook = await replaceAttioWebhook(attio, target, settings, actor);
    createdWebhookId = webhook.webhookId;

    const encrypt = (plaintext: string, purpose: string) => deps.cipher.encrypt(plaintext, { programId, purpose });
    const connection: AttioConnection = {
      programId,
      workspaceId: self.workspace_id,
      workspaceName: self.workspace_name,
      accessTokenCiphertext: await encrypt(accessToken, tokenPurposes.attioAccessToken),
      authorizedByWorkspaceMemberId: self.authorized_by_workspace_member_id,
      actor,
      webhookId: webhook.webhookId,
      webhookSecretCiphertext: await encrypt(webhook.secret, tokenPurposes.attioWebhookSecret),
      connectedAt: (deps.now ?? (() => new Date()))().toISOString(),
    };
    await deps.programs.putAttioConnection(connection);
    stored = true;

    const replaced = [...webhook.removed];
    if (previous) replaced.push(...(await retirePreviousConnection(deps, previous, webhook.removed)));
    await deps.audit.record({
      programId,
      direction: 'settings',
      sourceEvent: previous ? 'attio.reconnected' : 'attio.connected',
      sourceRecord: `attio:workspace:${self.workspace_id}`,
      targetRecord: `attio:webhook:${webhook.webhookId}`,
      outcome: 'applied',
      reason: `Connected to ${self.workspace_name}${attributes.missingObjects.length > 0 ? `; objects not available in Attio: ${attributes.missingObjects.join(', ')}` : ''}`,
    });
    if (deps.backfills) await startBackfillOnConnect({ store: deps.backfills, audit: deps.audit, now: deps.now }, programId, settings);
    return {
      programId,
      workspaceId: self.workspace_id,
      workspaceName: self.workspace_name,
      replacedWebhooks: [...new Set(replaced)],
      missingObjects: attributes.missingObjects,
      actorKnown: actor !== null,
    };
  } catch (error) {
    if (!stored) await undoNewConnection(attio, deps, accessToken, createdWebhookId);
    throw error;
  }
}

/**
 * The connection the new one replaces: its webhook is deleted unless the new token already did
 * (same workspace), and its token is revoked. Best effort: the new connection is already in
 * place, and an old token Attio refuses has nothing left to clean up.
 */
async function retirePreviousConnection(deps: ConnectDependencies, previous: AttioConnection, alreadyRemoved: readonly string[]): Promise<string[]> {
  const stale = previous.webhookId !== null && alreadyRemoved.includes(previous.webhookId) ? { ...previous, webhookId: null } : previous;
  try {
    const released = await releaseAttioConnection(deps, deps.attio, stale);
    return released.webhook === 'deleted' && previous.webhookId ? [previous.webhookId] : [];
  } catch {
    return [];
  }
}

async function undoNewConnection(attio: AttioClient, deps: ConnectDependencies, accessToken: string, webhookId: string | undefined): Promise<void> {
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
