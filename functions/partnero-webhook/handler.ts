import { z } from 'zod';
import { sqsClient } from '../../shared/aws/sqs-client';
import { ENV } from '../../shared/config/environment-names';
import { httpUrl, readEnvironment } from '../../shared/config/read-environment';
import { acceptedPartneroDeliverySchema, partneroDeliveryMessages } from '../../shared/partnero-to-attio/delivery-messages';
import { ProgramContextLoader } from '../../shared/programs/program-context';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { syncTable } from '../../shared/store/sync-table';
import { createWebhookIngress } from '../../shared/webhooks/webhook-ingress';

const environment = readEnvironment(
  z.object({
    [ENV.syncTableName]: z.string().min(1),
    [ENV.partneroToAttioQueueUrl]: httpUrl,
  }),
);

const programs = new ProgramContextLoader(new ProgramRepository(syncTable(environment[ENV.syncTableName])), tokenCipherFromEnvironment());

/** Far above any Partnero delivery, and well inside SQS's 256 KiB message once wrapped. */
const MAX_BODY_BYTES = 128 * 1024;

/**
 * `POST /webhooks/partnero/{programId}`: verifies Partnero's `Signature` (hex HMAC-SHA256 of the
 * raw body, keyed with the program's webhook secret), validates the delivery and puts it on
 * the Partnero -> Attio FIFO queue; it answers 200 only once SQS has it.
 */
export const handler = createWebhookIngress({
  provider: 'partnero',
  signatureHeader: 'signature',
  maxBodyBytes: MAX_BODY_BYTES,
  schema: acceptedPartneroDeliverySchema,
  secretFor: async (programId) => (await programs.load(programId))?.partneroWebhookSecret(),
  toMessages: partneroDeliveryMessages,
  sqs: sqsClient(),
  queueUrl: environment[ENV.partneroToAttioQueueUrl],
});
