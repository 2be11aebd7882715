import type { ServiceEndpoints } from '../../shared/config/function-environment';

/** Endpoints as the local stack gives them: loopback URLs, and none of the AWS-only secret and key ARNs. */
export const localEndpoints: ServiceEndpoints = {
  syncTableName: 'sync',
  queueUrls: { 'partnero-to-attio': 'http://sqs/p2a', 'attio-to-partnero': 'http://sqs/a2p' },
  deadLetterQueueUrls: { 'partnero-to-attio': 'http://sqs/p2a-dlq', 'attio-to-partnero': 'http://sqs/a2p-dlq' },
  publicApiUrl: 'http://127.0.0.1:3000',
  attioApiUrl: 'http://127.0.0.1:4000',
  attioAppUrl: 'http://127.0.0.1:4000',
  partneroApiUrl: 'http://127.0.0.1:5000',
  auditRetentionDays: 30,
  attioEventWindowSeconds: 5,
};
