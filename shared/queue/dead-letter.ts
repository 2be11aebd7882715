import type { SqsQueueClient } from '../aws/sqs-queue-client';
import type { SQSRecord } from 'aws-lambda';
import type { SyncDirection } from './sync-queues';
import type { DeadLetterRecords } from './dead-letter-records';
import { FAILURE_REASON_ATTRIBUTE } from './sync-message';

/** What the worker knows of a dead-lettered message, for the program's own record of it. */
export interface DeadLetterSubject {
  readonly direction: SyncDirection;
  /** Undefined for a malformed message: then read from its body when it names one. */
  readonly programId?: string;
  /** The record as the sync history names it; `unknown` when not given. */
  readonly sourceRecord?: string;
  readonly sourceEvent?: string;
  /** Where the program's record goes; without it only the queue gets the message. */
  readonly records?: Pick<DeadLetterRecords, 'record'>;
}

/**
 * Moves a message to the dead-letter queue with the reason it failed. SQS's own redrive keeps
 * the body but cannot say why; this keeps both, and the body is the original, byte for byte,
 * so a replay sends exactly what the provider sent. The queue is shared by every program, so
 * the program also gets its own record of it (record, reason, time) for its Status tab.
 *
 * The queue first, the record second: when the record cannot be written the message fails as a
 * whole and is sent again, and the queue's deduplication (its message id) keeps one copy there.
 */
export async function sendToDeadLetterQueue(
  sqs: Pick<SqsQueueClient, 'sendMessage'>,
  deadLetterQueueUrl: string,
  record: SQSRecord,
  reason: string,
  message?: DeadLetterSubject,
): Promise<void> {
  const failedAt = new Date().toISOString();
  const shownReason = reason.slice(0, 1000) || 'unknown';
  await sqs.sendMessage({
    QueueUrl: deadLetterQueueUrl,
    MessageBody: record.body,
    MessageGroupId: record.attributes.MessageGroupId ?? 'unknown',
    MessageDeduplicationId: record.messageId,
    MessageAttributes: {
      [FAILURE_REASON_ATTRIBUTE]: { DataType: 'String', StringValue: shownReason },
      originalMessageId: { DataType: 'String', StringValue: record.messageId },
      receiveCount: { DataType: 'Number', StringValue: record.attributes.ApproximateReceiveCount },
      failedAt: { DataType: 'String', StringValue: failedAt },
    },
  });
  const programId = message?.programId ?? programIdInBody(record.body);
  if (!message?.records || programId === undefined) return;
  await message.records.record({
    programId,
    direction: message.direction,
    record: message.sourceRecord ?? 'unknown',
    sourceEvent: message.sourceEvent ?? 'unknown',
    reason: shownReason,
    failedAt,
    messageId: record.messageId,
  });
}

/** The program a message names, even one that is not a valid sync message otherwise. */
export function programIdInBody(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const programId =
      typeof parsed === 'object' && parsed !== null ? (parsed as { programId?: unknown }).programId : undefined;
    return typeof programId === 'string' && programId.length > 0 && programId.length <= 200 ? programId : undefined;
  } catch {
    return undefined;
  }
}
