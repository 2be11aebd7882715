import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { provisionLocalResources, type LocalResources } from '../../local/provision';
import type { SyncTable } from '../../shared/store/sync-table';
import { localAwsEndpoints, localDynamoDbClient, uniquePrefix } from './local-aws-clients';

/** Fresh tables and queues in the run's emulators, and a document client on the sync table. */
export async function freshSyncTable(label: string): Promise<{ table: SyncTable; resources: LocalResources; close(): void }> {
  const resources = await provisionLocalResources({ ...localAwsEndpoints(), prefix: uniquePrefix(label) });
  const raw = localDynamoDbClient();
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { table: { client, tableName: resources.syncTableName }, resources, close: () => raw.destroy() };
}
