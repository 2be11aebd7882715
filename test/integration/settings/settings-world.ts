import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { startLocalStack } from '../../../local/local-stack';
import { OAuthStateStore } from '../../../shared/programs/oauth-state-store';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { LocalTokenCipher } from '../../../shared/security/token-cipher';
import type { SyncTable } from '../../../shared/store/sync-table';
import { AuditLog } from '../../../shared/sync/audit-log';
import { startAttioSimulator } from '../../../simulators/attio';
import { startPartneroSimulator } from '../../../simulators/partnero';
import { localAwsEndpoints, localDynamoDbClient } from '../../support/local-aws-clients';
import type { ConnectWorld } from '../connect/connect-world';

/**
 * The connect world with the sync workers running, so a page test can save settings and then
 * watch the next Partnero event go through them into Attio and into the sync history. It has
 * the connect world's shape, so that harness's helpers (register, open a session, connect,
 * call the settings API) work on it unchanged.
 */
export interface SettingsWorld extends ConnectWorld {
  readonly audit: AuditLog;
}

export async function startSettingsWorld(): Promise<SettingsWorld> {
  const secrets = {
    adminToken: randomBytes(24).toString('hex'),
    signingKey: randomBytes(32).toString('hex'),
    clientId: `client-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(24).toString('hex'),
    localKey: randomBytes(32).toString('base64'),
  };
  const [attio, partnero] = await Promise.all([
    startAttioSimulator({ deliveries: { retryDelaysMs: [100, 200], timeoutMs: 2_000 } }),
    startPartneroSimulator({ deliveries: { retryDelaysMs: [100, 200], timeoutMs: 2_000 } }),
  ]);
  const stack = await startLocalStack({
    ...localAwsEndpoints(),
    attioApiUrl: attio.url,
    attioAppUrl: attio.url,
    partneroApiUrl: partnero.url,
    startWorkers: true,
    environment: {
      LOCAL_TOKEN_ENCRYPTION_KEY: secrets.localKey,
      ATTIO_CLIENT_ID: secrets.clientId,
      ATTIO_CLIENT_SECRET: secrets.clientSecret,
      SETTINGS_LINK_SIGNING_KEY: secrets.signingKey,
      ADMIN_API_TOKEN: secrets.adminToken,
    },
  });
  const workspace = attio.control.createWorkspace({
    name: 'Acme Sales',
    members: [
      { first_name: 'Ada', last_name: 'Admin', email_address: 'ada@acme.example' },
      { first_name: 'Sam', last_name: 'Seller', email_address: 'sam@acme.example' },
    ],
  });
  attio.control.registerOAuthClient({ clientId: secrets.clientId, clientSecret: secrets.clientSecret, redirectUris: [`${stack.apiUrl}/oauth/attio/callback`], workspaceId: workspace.id });
  const raw = localDynamoDbClient();
  const table: SyncTable = { client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }), tableName: stack.resources.syncTableName };
  return {
    stack,
    attio,
    partnero,
    secrets,
    table,
    programs: new ProgramRepository(table),
    states: new OAuthStateStore(table),
    cipher: new LocalTokenCipher(secrets.localKey),
    audit: new AuditLog(table),
    workspaceId: workspace.id,
    async stop() {
      await stack.stop();
      await Promise.all([attio.stop(), partnero.stop()]);
      raw.destroy();
    },
  };
}
