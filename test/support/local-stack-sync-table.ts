import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localCredentials, LOCAL_REGION } from '../../local/aws/local-credentials';
import { sdkDocumentClient } from '../../shared/aws/sdk-document-client';
import type { SyncTable } from '../../shared/store/sync-table';

/** The local stack's sync table through the SDK's DynamoDB client (`raw`: destroy it when the stack stops). */
export function localStackSyncTable(stack: { dynamoDbEndpoint: string; resources: { syncTableName: string } }): {
  table: SyncTable;
  raw: DynamoDBClient;
} {
  const raw = new DynamoDBClient({
    endpoint: stack.dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
  });
  return { table: { client: sdkDocumentClient(raw), tableName: stack.resources.syncTableName }, raw };
}
