/**
 * Names of the environment variables the functions read. The CDK stack sets them in AWS, the
 * local stack sets them locally; both import these names so neither can drift.
 */
export const ENV = {
  syncTableName: 'SYNC_TABLE_NAME',
  partneroToAttioQueueUrl: 'PARTNERO_TO_ATTIO_QUEUE_URL',
  attioToPartneroQueueUrl: 'ATTIO_TO_PARTNERO_QUEUE_URL',
  partneroToAttioDeadLetterQueueUrl: 'PARTNERO_TO_ATTIO_DLQ_URL',
  attioToPartneroDeadLetterQueueUrl: 'ATTIO_TO_PARTNERO_DLQ_URL',
  attioApiUrl: 'ATTIO_API_URL',
  attioAppUrl: 'ATTIO_APP_URL',
  partneroApiUrl: 'PARTNERO_API_URL',
  /** Where Attio, Partnero and browsers reach this service's API (OAuth redirect, webhook targets, settings links). */
  publicApiUrl: 'PUBLIC_API_URL',
  /** In AWS: the Secrets Manager secret holding the app-level secrets as JSON. */
  appSecretArn: 'APP_SECRET_ARN',
  /** In AWS: the KMS key that encrypts tokens and API keys at rest. */
  tokenKeyId: 'TOKEN_KMS_KEY_ID',
  /** Locally: a base64 32-byte key that stands in for KMS. */
  localTokenKey: 'LOCAL_TOKEN_ENCRYPTION_KEY',
  /** Locally: the app-level secrets, standing in for Secrets Manager. */
  attioClientId: 'ATTIO_CLIENT_ID',
  attioClientSecret: 'ATTIO_CLIENT_SECRET',
  settingsLinkSigningKey: 'SETTINGS_LINK_SIGNING_KEY',
  adminApiToken: 'ADMIN_API_TOKEN',
  /** Optional: days the sync history (audit entries) is kept before DynamoDB's TTL removes it; 30 when unset. */
  auditRetentionDays: 'AUDIT_RETENTION_DAYS',
  /** Optional: a stage's provider budgets (calls per second) in place of the documented limits (`shared/provider-budget/`). */
  attioWritesPerSecond: 'ATTIO_WRITES_PER_SECOND',
  attioReadsPerSecond: 'ATTIO_READS_PER_SECOND',
  partneroRequestsPerSecond: 'PARTNERO_REQUESTS_PER_SECOND',
  /**
   * The Attio route's deduplication window, in seconds (stage setting `attioEventWindowSeconds`, the
   * Attio -> Partnero queue's delivery delay too): shared/attio-to-partnero/attio-event-deduplication.ts.
   */
  attioEventWindowSeconds: 'ATTIO_EVENT_WINDOW_SECONDS',
  /** In AWS with edge protection on: the secret CloudFront sends to the API, read by the edge-origin authorizer only. */
  originVerifySecretArn: 'ORIGIN_VERIFY_SECRET_ARN',
} as const;
