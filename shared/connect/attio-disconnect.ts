import { revokeToken } from '../attio/attio-oauth';
import { ProgramNotFoundError, ProviderHttpError } from '../errors';
import { tokenPurposes } from '../programs/program-context';
import type { AttioConnection } from '../programs/program-repository';
import type { AuditLog } from '../sync/audit-log';
import type { AttioAccess, ProgramStore } from './attio-access';

export interface ReleasedConnection {
  /** `deleted`, `already-gone` (404), `none` (never registered) or `unreachable` (the token no longer works). */
  readonly webhook: 'deleted' | 'already-gone' | 'none' | 'unreachable';
  readonly token: 'revoked';
}

/**
 * Undoes a connection at Attio: deletes its webhook, then revokes its token (Attio answers 204,
 * or 400 for a token it no longer knows, which counts as revoked). A token Attio already refuses
 * (401) cannot delete the webhook; that is reported, not thrown, since nothing else can.
 * Transient failures (5xx, timeouts) are thrown so the caller keeps the connection and retries.
 */
export async function releaseAttioConnection(
  store: ProgramStore,
  attio: AttioAccess,
  connection: AttioConnection,
): Promise<ReleasedConnection> {
  const accessToken = await store.cipher.decrypt(connection.accessTokenCiphertext, {
    programId: connection.programId,
    purpose: tokenPurposes.attioAccessToken,
  });
  let webhook: ReleasedConnection['webhook'] = 'none';
  if (connection.webhookId) {
    try {
      const existed = await attio.client(accessToken).webhooks.get(connection.webhookId);
      await attio.client(accessToken).webhooks.delete(connection.webhookId);
      webhook = existed ? 'deleted' : 'already-gone';
    } catch (error) {
      if (!(error instanceof ProviderHttpError && (error.status === 401 || error.status === 403))) throw error;
      webhook = 'unreachable';
    }
  }
  const { clientId, clientSecret } = await attio.credentials();
  await revokeToken({ appUrl: attio.appUrl, clientId, clientSecret, accessToken });
  return { webhook, token: 'revoked' };
}

/**
 * The program owner's Disconnect: release at Attio, forget the connection, and end every settings
 * session of the program (the one that clicked included): whoever reconnects opens a fresh link.
 */
export async function disconnectAttio(
  store: ProgramStore,
  attio: AttioAccess,
  audit: AuditLog,
  /** The program's settings sessions (`SettingsSessionStore`): a disconnect closes every one. */
  sessions: { endAll(programId: string): Promise<unknown> },
  programId: string,
): Promise<ReleasedConnection | undefined> {
  if (!(await store.programs.getRegistration(programId))) throw new ProgramNotFoundError(programId);
  const connection = await store.programs.getAttioConnection(programId);
  if (!connection) return undefined;
  const released = await releaseAttioConnection(store, attio, connection);
  await store.programs.deleteAttioConnection(programId);
  await sessions.endAll(programId);
  await audit.record({
    programId,
    direction: 'settings',
    sourceEvent: 'attio.disconnected',
    sourceRecord: `attio:workspace:${connection.workspaceId}`,
    targetRecord: null,
    outcome: 'applied',
    reason: `Disconnected from ${connection.workspaceName}: webhook ${released.webhook}, token revoked`,
  });
  return released;
}
