import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describePartneroMessage } from '../partnero-to-attio/process-partnero-message';
import type { DeadLetterRecords } from '../queue/dead-letter-records';
import { syncMessageSchema, FAILURE_REASON_ATTRIBUTE, type SyncMessage } from '../queue/sync-message';

export interface DeadLetterReplayOptions {
  readonly sqs: SQSClient;
  readonly deadLetterQueueUrl: string;
  /** The sync queue the messages came from and go back to. */
  readonly sourceQueueUrl: string;
  /** Only messages of this program; others stay in the DLQ untouched. */
  readonly programId?: string;
  /** Show what would be replayed and change nothing. */
  readonly dryRun: boolean;
  /** Upper bound, so a replay of a huge DLQ is a deliberate act. */
  readonly maxMessages?: number;
  /** Each program's record of its dead letters: a replayed message's entry is cleared. */
  readonly records?: Pick<DeadLetterRecords, 'clear'>;
}

export interface DeadLetteredMessage {
  readonly messageId: string;
  /** Its id on the sync queue, which the program's record of it is kept under. */
  readonly originalMessageId: string;
  readonly programId: string | null;
  readonly source: string | null;
  readonly deliveryKey: string | null;
  /** The provider's event name, e.g. `partner.updated` or `record.updated`; null when unreadable. */
  readonly event: string | null;
  /** The record the message is about, as the sync history names it (`partner:<id>`, `attio:<object>:<record id>`). */
  readonly record: string | null;
  readonly failureReason: string;
  readonly failedAt: string | null;
}

export interface DeadLetterReplayResult {
  readonly selected: DeadLetteredMessage[];
  readonly replayed: number;
  readonly leftInDeadLetterQueue: number;
}

/**
 * Sends dead-lettered messages back to their sync queue, body unchanged. The body carries the
 * delivery key, and the links, versions and commission claims see a replay as the same
 * delivery: whatever was already applied is not applied again, and no commission is paid twice.
 *
 * Messages are held invisible while they are examined; those not replayed (dry run, other
 * program, over the limit) are made visible again at the end.
 */
export async function replayDeadLetters(options: DeadLetterReplayOptions): Promise<DeadLetterReplayResult> {
  const maxMessages = options.maxMessages ?? 1000;
  const held: Message[] = [];
  const selected: DeadLetteredMessage[] = [];
  let replayed = 0;
  try {
    while (held.length < maxMessages * 2) {
      const page = await options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.deadLetterQueueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 300,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const messages = page.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) {
        const described = describe(message);
        const wanted =
          (!options.programId || described.programId === options.programId) && selected.length < maxMessages;
        if (!wanted || options.dryRun) {
          held.push(message);
          if (wanted) selected.push(described);
          continue;
        }
        await options.sqs.send(
          new SendMessageCommand({
            QueueUrl: options.sourceQueueUrl,
            MessageBody: message.Body ?? '',
            MessageGroupId: message.Attributes?.MessageGroupId ?? described.programId ?? 'replay',
            // A new id: the original may still sit in SQS's 5-minute deduplication window.
            MessageDeduplicationId: `replay-${message.MessageId}`,
          }),
        );
        await options.sqs.send(
          new DeleteMessageCommand({ QueueUrl: options.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
        // Back on its queue, it is no longer the program's dead letter; failing again makes it a new one.
        if (described.programId && described.failedAt)
          await options.records?.clear({
            programId: described.programId,
            failedAt: described.failedAt,
            messageId: described.originalMessageId,
          });
        selected.push(described);
        replayed += 1;
      }
    }
  } finally {
    await releaseHeld(options, held);
  }
  return { selected, replayed, leftInDeadLetterQueue: held.length };
}

async function releaseHeld(options: DeadLetterReplayOptions, held: Message[]): Promise<void> {
  for (let index = 0; index < held.length; index += 10) {
    await options.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: options.deadLetterQueueUrl,
        Entries: held.slice(index, index + 10).map((message, position) => ({
          Id: String(position),
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}

function describe(message: Message): DeadLetteredMessage {
  let body: ReturnType<typeof syncMessageSchema.safeParse> | undefined;
  try {
    body = syncMessageSchema.safeParse(JSON.parse(message.Body ?? ''));
  } catch {
    body = undefined;
  }
  const attributes = message.MessageAttributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    // SQS's own redrive keeps the message id; the worker's copy names the original in an attribute.
    originalMessageId: attributes.originalMessageId?.StringValue ?? message.MessageId ?? '',
    programId: body?.success ? body.data.programId : null,
    source: body?.success ? body.data.source : null,
    deliveryKey: body?.success ? body.data.deliveryKey : null,
    ...(body?.success ? namedRecord(body.data) : { event: null, record: null }),
    failureReason:
      attributes[FAILURE_REASON_ATTRIBUTE]?.StringValue ??
      'moved by SQS redrive after maxReceiveCount (no reason recorded)',
    failedAt: attributes.failedAt?.StringValue ?? null,
  };
}

/** What an operator needs to decide on a replay: which event about which record. */
function namedRecord(message: SyncMessage): Pick<DeadLetteredMessage, 'event' | 'record'> {
  if (message.source === 'partnero') {
    const described = describePartneroMessage(message);
    return described ? { event: described.sourceEvent, record: described.sourceRecord } : { event: null, record: null };
  }
  const event = (message.event ?? {}) as { event_type?: unknown; id?: { object_id?: unknown; record_id?: unknown } };
  const recordId = typeof event.id?.record_id === 'string' ? event.id.record_id : null;
  return {
    event: typeof event.event_type === 'string' ? event.event_type : null,
    record: recordId
      ? `attio:${typeof event.id?.object_id === 'string' ? event.id.object_id : 'record'}:${recordId}`
      : null,
  };
}
