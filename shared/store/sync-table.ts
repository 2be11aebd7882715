import { jsonDocumentClient, type DocumentClient } from '../aws/dynamodb-document-client';

export { expiresInDays } from './expiry';

/** The service's single table: programs, connections, settings, links, claims, audit entries. */
export interface SyncTable {
  readonly client: DocumentClient;
  readonly tableName: string;
}

/**
 * The table through one document client per container (`shared/aws/dynamodb-document-client.ts`,
 * without the AWS SDK). Credentials and region come from the environment, as Lambda provides them;
 * the endpoint from `AWS_ENDPOINT_URL_DYNAMODB` when set (the local stack), otherwise the regional
 * one. The operators' scripts use `sdkSyncTable` (`sdk-sync-table.ts`) for their profiles.
 */
export function syncTable(tableName: string): SyncTable {
  return { client: jsonDocumentClient(), tableName };
}
