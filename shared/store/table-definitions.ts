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

/** The table Powertools idempotency uses, in its default schema. */
export const idempotencyTableDefinition = {
  partitionKey: 'id',
  timeToLiveAttribute: 'expiration',
} as const;
