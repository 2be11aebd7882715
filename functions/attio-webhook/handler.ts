import { z } from 'zod';
import { sqsClient } from '../../shared/aws/sqs-client';
import { acceptedAttioDeliverySchema, attioDeliveryMessages } from '../../shared/attio-to-partnero/delivery-messages';
import { ENV } from '../../shared/config/environment-names';
import { httpUrl, readEnvironment } from '../../shared/config/read-environment';
import { ProgramContextLoader } from '../../shared/programs/program-context';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { syncTable } from '../../shared/store/sync-table';
import { createWebhookIngress } from '../../shared/webhooks/webhook-ingress';

const environment = readEnvironment(
  z.object({
    [ENV.syncTableName]: z.string().min(1),
    [ENV.attioToPartneroQueueUrl]: httpUrl,
  }),
);

const programs = new ProgramContextLoader(new ProgramRepository(syncTable(environment[ENV.syncTableName])), tokenCipherFromEnvironment());

/** Attio deliveries hold ids only; this is far above any of them and inside SQS's 256 KiB once wrapped. */
const MAX_BODY_BYTES = 128 * 1024;

/**
 * `POST /webhooks/attio/{programId}`: verifies `Attio-Signature` (hex HMAC-SHA256 of the raw
 * body, keyed with the secret Attio returned when the service created the webhook), validates
 * the delivery and puts each of its record events on the Attio -> Partnero FIFO queue; it
 * answers 200 only once SQS has them. A program without a connection (so without a secret) is
 * unknown here: nothing unsigned is ever enqueued.
 */
export const handler = createWebhookIngress({
  provider: 'attio',
  signatureHeader: 'attio-signature',
  maxBodyBytes: MAX_BODY_BYTES,
  schema: acceptedAttioDeliverySchema,
  secretFor: async (programId) => (await programs.load(programId))?.attioWebhookSecret(),
  toMessages: attioDeliveryMessages,
  sqs: sqsClient(),
  queueUrl: environment[ENV.attioToPartneroQueueUrl],
});
