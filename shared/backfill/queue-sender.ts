import type { SqsBatchSender } from '../aws/sqs-batch-sender';
import { enqueueMessages } from '../queue/enqueue-messages';
import type { QueueMessage } from '../webhooks/webhook-ingress';

/**
 * Sends messages to a FIFO sync queue through the one sender the webhook routes use (ten per
 * call, deduplication ids kept within SQS's alphabet). A refused entry throws, so the caller's
 * checkpoint is not advanced and the page is sent again; the deduplication ids make that safe.
 */
export async function sendQueueMessages(sqs: SqsBatchSender, queueUrl: string, messages: readonly QueueMessage[]): Promise<void> {
  await enqueueMessages(sqs, queueUrl, messages);
}
