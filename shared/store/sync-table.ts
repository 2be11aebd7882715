import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export { expiresInDays } from './expiry';

/** The service's single table: programs, connections, settings, links, claims, audit entries. */
export interface SyncTable {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

let sharedClient: DynamoDBDocumentClient | undefined;

/**
 * One document client per container, created at first use. The endpoint comes from the SDK's
 * own `AWS_ENDPOINT_URL_DYNAMODB` when set (the local stack), otherwise the regional one.
 */
export function syncTable(tableName: string): SyncTable {
  sharedClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client: sharedClient, tableName };
}
