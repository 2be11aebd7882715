import { dynamoDbItemClient } from '../../shared/aws/dynamodb-item-client';
import { sqsBatchSender } from '../../shared/aws/sqs-batch-sender';
import { interpretAttioDelivery } from '../../shared/attio-to-partnero/delivery-messages';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
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
const secrets = new WebhookSecretCache('attio', new WebhookSecretItems(items, tableName), tokenCipherFromEnvironment());

/** Attio deliveries hold ids only; this is far above any of them and inside SQS's 256 KiB once wrapped. */
const MAX_BODY_BYTES = 128 * 1024;
/** The stage's window W, the same as the Attio -> Partnero queue's delivery delay (attio-event-deduplication.ts). */
const eventWindowSeconds = environment[ENV.attioEventWindowSeconds];

/**
 * `POST /webhooks/attio/{programId}`: verifies `Attio-Signature` (hex HMAC-SHA256 of the raw
 * body, keyed with the secret Attio returned when the service created the webhook), reads the
 * delivery and puts each of its record events on the Attio -> Partnero FIFO queue, deduplicated
 * by the event as signed and the window of its receipt (never by the unsigned `Idempotency-Key`);
 * events it does not use are recorded as ignored, anything it cannot read is parked for replay. Every signed
 * delivery gets a 200, once SQS and the table have it: Attio retries anything else and marks the
 * webhook degraded. A program without a connection (so without a secret) is unknown here:
 * nothing unsigned is ever enqueued or kept.
 */
export const handler = createWebhookIngress({
  provider: 'attio',
  signatureHeader: 'attio-signature',
  maxBodyBytes: MAX_BODY_BYTES,
  interpret: (body, context) => interpretAttioDelivery(body, context, eventWindowSeconds),
  secretFor: (programId, options) => secrets.lookUp(programId, options),
  sqs: sqsBatchSender(),
  parked: new ParkedDeliveryWriter(items, tableName),
  history: new DeliveryHistoryWriter(items, tableName),
  queueUrl: environment[ENV.attioToPartneroQueueUrl],
});
