import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueMessage } from '../webhooks/webhook-ingress';

/**
 * Sends messages to a FIFO sync queue, ten per call. A refused entry throws, so the caller's
 * checkpoint is not advanced and the page is sent again; the deduplication ids make that safe.
 */
export async function sendQueueMessages(sqs: SQSClient, queueUrl: string, messages: readonly QueueMessage[]): Promise<void> {
  for (let index = 0; index < messages.length; index += 10) {
    const chunk = messages.slice(index, index + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((entry, position) => ({
          Id: String(position),
          MessageBody: JSON.stringify(entry.message),
          MessageGroupId: entry.groupId,
          MessageDeduplicationId: entry.deduplicationId,
        })),
      }),
    );
    if (result.Failed && result.Failed.length > 0) {
      throw new Error(`SQS refused ${result.Failed.length} of ${chunk.length} messages: ${result.Failed.map((failure) => failure.Code).join(', ')}`);
    }
  }
}
