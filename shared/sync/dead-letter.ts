import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { FAILURE_REASON_ATTRIBUTE } from './sync-message';

/**
 * Moves a message to the dead-letter queue with the reason it failed. SQS's own redrive keeps
 * the body but cannot say why; this keeps both, and the body is the original, byte for byte,
 * so a replay sends exactly what the provider sent.
 */
export async function sendToDeadLetterQueue(sqs: SQSClient, deadLetterQueueUrl: string, record: SQSRecord, reason: string): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: deadLetterQueueUrl,
      MessageBody: record.body,
      MessageGroupId: record.attributes.MessageGroupId ?? 'unknown',
      MessageDeduplicationId: record.messageId,
      MessageAttributes: {
        [FAILURE_REASON_ATTRIBUTE]: { DataType: 'String', StringValue: reason.slice(0, 1000) || 'unknown' },
        originalMessageId: { DataType: 'String', StringValue: record.messageId },
        receiveCount: { DataType: 'Number', StringValue: record.attributes.ApproximateReceiveCount },
        failedAt: { DataType: 'String', StringValue: new Date().toISOString() },
      },
    }),
  );
}
