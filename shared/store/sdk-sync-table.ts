import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkDocumentClient } from '../aws/sdk-document-client';
import type { SyncTable } from './sync-table';

/**
 * The table through the AWS SDK, for the operators' scripts: they run with a profile or SSO,
 * which only the SDK's credential chain resolves. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB` when set (the local stack), otherwise the regional one.
 */
export function sdkSyncTable(tableName: string): SyncTable & { readonly client: { destroy(): void } } {
  return { client: sdkDocumentClient(new DynamoDBClient({})), tableName };
}
