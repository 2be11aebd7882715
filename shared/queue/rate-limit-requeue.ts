import type { SqsQueueClient } from '../aws/sqs-queue-client';
import type { SQSRecord } from 'aws-lambda';

/**
 * Message attribute counting how often a message was sent again because it was throttled, for
 * the logs. There is no cap: throttling says the workspace or program is busy (Attio's limits
 * are shared with every other app of the workspace), never that the message is bad, so a busy
 * spell is a backlog to work off (the oldest-message alarm watches it), not a dead letter.
 */
export const RATE_LIMIT_REQUEUES_ATTRIBUTE = 'rateLimitRequeues';

export function rateLimitRequeuesOf(record: SQSRecord): number {
  const count = Number(record.messageAttributes?.[RATE_LIMIT_REQUEUES_ATTRIBUTE]?.stringValue ?? 0);
  return Number.isInteger(count) && count > 0 ? count : 0;
}

/**
 * Sends a throttled message again as a new message, so its receive count starts over. SQS
 * cannot give a receive back (a visibility change still counts the receive), and throttling
 * says nothing is wrong with the message: only a deletion plus a fresh copy keeps it from
 * being dead-lettered. A FIFO queue takes no per-message delay, so the copy is visible at once;
 * it is sent only on the last receive, after its earlier receives each waited for their slot.
 * The copy joins the back of its message group; the sync's appliers re-read the current
 * record, so an event applied after a newer one of the same record still ends right.
 */
export async function requeueThrottledMessage(
  sqs: Pick<SqsQueueClient, 'sendMessage'>,
  queueUrl: string,
  record: SQSRecord,
): Promise<number> {
  const requeues = rateLimitRequeuesOf(record) + 1;
  await sqs.sendMessage({
    QueueUrl: queueUrl,
    MessageBody: record.body,
    MessageGroupId: record.attributes.MessageGroupId ?? 'unknown',
    // The original's dedup id would make SQS drop the copy within its 5-minute window.
    MessageDeduplicationId: `${record.messageId}-requeue-${requeues}`,
    MessageAttributes: { [RATE_LIMIT_REQUEUES_ATTRIBUTE]: { DataType: 'Number', StringValue: String(requeues) } },
  });
  return requeues;
}
