import { jsonDocumentClientAt } from '../../shared/aws/dynamodb-document-client';
import { localCredentials, LOCAL_REGION } from '../../local/aws/local-credentials';
import { provisionLocalResources, type LocalResources } from '../../local/provision';
import type { SyncTable } from '../../shared/store/sync-table';
import { localAwsEndpoints, uniquePrefix } from './local-aws-clients';

/** Fresh tables and queues in the run's emulators, and a document client on the sync table. */
export async function freshSyncTable(
  label: string,
): Promise<{ table: SyncTable; resources: LocalResources; close(): void }> {
  const resources = await provisionLocalResources({ ...localAwsEndpoints(), prefix: uniquePrefix(label) });
  const client = jsonDocumentClientAt(localAwsEndpoints().dynamoDbEndpoint, LOCAL_REGION, localCredentials);
  return { table: { client, tableName: resources.syncTableName }, resources, close: () => undefined };
}
