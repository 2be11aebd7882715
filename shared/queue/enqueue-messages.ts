import type { SqsBatchSender } from '../aws/sqs-batch-sender';
import { createHash } from 'node:crypto';
import type { QueueMessage } from '../webhooks/delivery-interpretation';

/**
 * Puts messages on a sync FIFO queue, ten per request. Throws when SQS refuses any, so the
 * caller (the webhook route: a 5xx; a replay: a failed run) lets the provider or the operator
 * try again; the deduplication ids make that safe.
 */
export async function enqueueMessages(sqs: SqsBatchSender, queueUrl: string, messages: readonly QueueMessage[]): Promise<void> {
  for (let index = 0; index < messages.length; index += 10) {
    const chunk = messages.slice(index, index + 10);
    const result = await sqs.sendMessageBatch({
      QueueUrl: queueUrl,
      Entries: chunk.map((entry, position) => ({
        Id: String(position),
        MessageBody: JSON.stringify(entry.message),
        MessageGroupId: entry.groupId,
        MessageDeduplicationId: sqsDeduplicationId(entry.deduplicationId),
      })),
    });
    if (result.Failed && result.Failed.length > 0) {
      throw new Error(`SQS refused ${result.Failed.length} of ${chunk.length} messages: ${result.Failed.map((failure) => failure.Code).join(', ')}`);
    }
  }
}

/** SQS deduplication ids allow 128 characters of a limited alphabet: hash anything longer or odd. */
export function sqsDeduplicationId(key: string): string {
  return /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/.test(key) ? key : createHash('sha256').update(key).digest('hex');
}

/** Groups ids are limited like dedup ids; keep them readable when they fit. */
export function sqsGroupId(...parts: string[]): string {
  return sqsDeduplicationId(parts.join('#'));
}
