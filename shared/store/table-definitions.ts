/**
 * Key schemas of the service's DynamoDB tables, shared by the CDK stack and the local stack
 * so both create exactly the same tables.
 */
export const syncTableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired items lazily, so readers also check it. */
  timeToLiveAttribute: 'expiresAt',
} as const;
