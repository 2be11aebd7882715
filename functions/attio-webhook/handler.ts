import * as z from 'zod';
import { sqsClient } from '../../shared/aws/sqs-client';
import { interpretAttioDelivery } from '../../shared/attio-to-partnero/delivery-messages';
import { ENV } from '../../shared/config/environment-names';
import { httpUrl, readEnvironment } from '../../shared/config/read-environment';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { WebhookSecretCache } from '../../shared/programs/webhook-secrets';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { syncTable } from '../../shared/store/sync-table';
import { AuditLog } from '../../shared/sync/audit-log';
import { ParkedDeliveryStore } from '../../shared/webhooks/parked-deliveries';
import { createWebhookIngress } from '../../shared/webhooks/webhook-ingress';

const environment = readEnvironment(
  z.object({
    [ENV.syncTableName]: z.string().min(1),
    [ENV.attioToPartneroQueueUrl]: httpUrl,
  }),
);

const table = syncTable(environment[ENV.syncTableName]);
// One GetItem of the item holding the secret on a cold cache, none on a warm one (see WebhookSecretCache).
const secrets = new WebhookSecretCache('attio', new ProgramRepository(table), tokenCipherFromEnvironment());

/** Attio deliveries hold ids only; this is far above any of them and inside SQS's 256 KiB once wrapped. */
const MAX_BODY_BYTES = 128 * 1024;

/**
 * `POST /webhooks/attio/{programId}`: verifies `Attio-Signature` (hex HMAC-SHA256 of the raw
 * body, keyed with the secret Attio returned when the service created the webhook), reads the
 * delivery and puts each of its record events on the Attio -> Partnero FIFO queue; events it does
 * not use are recorded as ignored, anything it cannot read is parked for replay. Every signed
 * delivery gets a 200, once SQS and the table have it: Attio retries anything else and marks the
 * webhook degraded. A program without a connection (so without a secret) is unknown here:
 * nothing unsigned is ever enqueued or kept.
 */
export const handler = createWebhookIngress({
  provider: 'attio',
  signatureHeader: 'attio-signature',
  maxBodyBytes: MAX_BODY_BYTES,
  interpret: interpretAttioDelivery,
  secretFor: (programId, options) => secrets.lookUp(programId, options),
  sqs: sqsClient(),
  parked: new ParkedDeliveryStore(table),
  history: new AuditLog(table),
  queueUrl: environment[ENV.attioToPartneroQueueUrl],
});
