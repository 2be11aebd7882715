import { dynamoDbItemClient } from '../../shared/aws/dynamodb-item-client';
import { sqsBatchSender } from '../../shared/aws/sqs-batch-sender';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { interpretPartneroDelivery } from '../../shared/partnero-to-attio/delivery-messages';
import { WebhookSecretItems } from '../../shared/programs/webhook-secret-items';
import { WebhookSecretCache } from '../../shared/programs/webhook-secrets';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { DeliveryHistoryWriter, ParkedDeliveryWriter } from '../../shared/webhooks/acknowledgement-writes';
import { createWebhookIngress } from '../../shared/webhooks/webhook-ingress';

const environment = readFunctionEnvironment();

// The route's table and queue calls are one signed request each, without the AWS SDK (see
// shared/aws/aws-json-service.ts): its bundle and its cold start stay near an empty handler's.
const items = dynamoDbItemClient();
const tableName = environment[ENV.syncTableName];
// One GetItem of the item holding the secret on a cold cache, none on a warm one (see WebhookSecretCache).
const secrets = new WebhookSecretCache(
  'partnero',
  new WebhookSecretItems(items, tableName),
  tokenCipherFromEnvironment(),
);

/** Far above any Partnero delivery, and well inside SQS's 256 KiB message once wrapped. */
const MAX_BODY_BYTES = 128 * 1024;

/**
 * `POST /webhooks/partnero/{programId}`: verifies Partnero's `Signature` (hex HMAC-SHA256 of the
 * raw body, keyed with the program's webhook secret), reads the delivery and puts it on the
 * Partnero -> Attio FIFO queue; events the sync does not use are recorded as ignored, anything it
 * cannot read is parked for replay. Every signed delivery gets a 200, once SQS and the table have
 * it: Partnero retries anything else.
 */
export const handler = createWebhookIngress({
  provider: 'partnero',
  signatureHeader: 'signature',
  maxBodyBytes: MAX_BODY_BYTES,
  interpret: interpretPartneroDelivery,
  secretFor: (programId, options) => secrets.lookUp(programId, options),
  sqs: sqsBatchSender(),
  parked: new ParkedDeliveryWriter(items, tableName),
  history: new DeliveryHistoryWriter(items, tableName),
  queueUrl: environment[ENV.partneroToAttioQueueUrl],
});
