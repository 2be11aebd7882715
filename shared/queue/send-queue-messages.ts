import { createHash } from 'node:crypto';
import type { SqsBatchSender } from '../aws/sqs-batch-sender';
import type { SyncMessage } from './sync-message';

/** One message for the sync queue, with the FIFO group that orders it and its deduplication id. */
export interface QueueMessage {
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly message: SyncMessage;
}

/** SendMessageBatch takes at most ten entries. */
const ENTRIES_PER_BATCH = 10;

/**
 * Puts messages on a sync FIFO queue, ten per request: the one sender of the webhook routes,
 * the replays, backfill, reconciliation, the figure refresh and Needs attention's Retry. Throws
 * when SQS refuses any entry, before the next ten, so the caller tries the whole send again (the
 * webhook route: a 5xx the provider retries; backfill: its checkpoint not advanced, the page sent
 * again; a replay: a failed run); the deduplication ids make that safe for what was already sent.
 */
export async function sendQueueMessages(
  sqs: SqsBatchSender,
  queueUrl: string,
  messages: readonly QueueMessage[],
): Promise<void> {
  for (let index = 0; index < messages.length; index += ENTRIES_PER_BATCH) {
    const chunk = messages.slice(index, index + ENTRIES_PER_BATCH);
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
      throw new Error(
        `SQS refused ${result.Failed.length} of ${chunk.length} messages: ${result.Failed.map((failure) => failure.Code).join(', ')}`,
      );
    }
  }
}

/** SQS deduplication ids allow 128 characters of a limited alphabet: hash anything longer or odd. */
export function sqsDeduplicationId(key: string): string {
  return /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/.test(key)
    ? key
    : createHash('sha256').update(key).digest('hex');
}

/** Groups ids are limited like dedup ids; keep them readable when they fit. */
export function sqsGroupId(...parts: string[]): string {
  return sqsDeduplicationId(parts.join('#'));
}
