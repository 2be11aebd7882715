import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface EventSourceMappingOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly functionName: string;
  readonly handler: SqsHandler;
  /** Lambda's BatchSize (FIFO queues allow at most 10). */
  readonly batchSize?: number;
  /** Lambda's ScalingConfig.MaximumConcurrency: how many batches run at once (the stage config's value). */
  readonly maxConcurrency?: number;
  /** Receive loops, like Lambda's pollers; each hands its batch to a free invocation slot and polls on. */
  readonly pollers?: number;
  /** The function timeout given to the handler's context. */
  readonly functionTimeoutMs?: number;
  /** Long-poll wait; short in tests so that stop() is quick. */
  readonly waitTimeSeconds?: number;
  readonly onInvocationError?: (error: unknown) => void;
}

export interface EventSourceMappingStats {
  invocations: number;
  messagesReceived: number;
  messagesDeleted: number;
  messagesFailed: number;
  handlerErrors: number;
  /** Batches running now (Lambda's concurrent invocations of this mapping). */
  batchesInFlight: number;
  /** The most batches that ran at once: the Lambda concurrency the load needed. */
  peakBatchesInFlight: number;
}

export interface RunningEventSourceMapping {
  readonly stats: EventSourceMappingStats;
  /** Resolves once the queue has no visible or in-flight message and no batch is running. */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A local stand-in for Lambda's SQS event source mapping. Like the real one it receives a
 * batch, invokes the handler with an `SQSEvent`, deletes the messages that succeeded and
 * leaves the `batchItemFailures` to reappear after their visibility timeout, so retries and
 * the redrive to the DLQ (after maxReceiveCount) happen in the real queue, not in a mock.
 * A handler that throws, or reports an unknown or empty item identifier, fails the whole batch.
 *
 * Scaling as Lambda's: a few pollers receive, each batch runs in its own invocation slot, and at
 * most `maxConcurrency` run at once (a poller waits for a free slot before it receives). On a
 * FIFO queue no two batches of one message group run at once, because SQS hands out nothing
 * of a group while a message of it is in flight, so the concurrency a load reaches is bounded
 * by its active groups too, as Lambda's is. fauxqs hands out one message per group per receive
 * where SQS gives up to ten of one group: batches are smaller here, never larger.
 *
 * In AWS a batch never reappears while it is being processed: the queue's visibility timeout is
 * 6x the function timeout (`lib/constructs/sync-worker.ts`), and Lambda stops the function at its
 * timeout. Locally the visibility timeout is short so that retries come quickly, and a loaded
 * machine can run a batch for longer; so while the handler runs its messages are kept invisible
 * (renewed at half the queue's visibility timeout), as the function timeout keeps them in AWS.
 */
export function startEventSourceMapping(options: EventSourceMappingOptions): RunningEventSourceMapping {
  const batchSize = options.batchSize ?? 10;
  const maxConcurrency = options.maxConcurrency ?? 2;
  const functionTimeoutMs = options.functionTimeoutMs ?? 30_000;
  const waitTimeSeconds = options.waitTimeSeconds ?? 1;
  const pollers = Math.max(1, Math.min(options.pollers ?? 5, maxConcurrency));
  const stats: EventSourceMappingStats = {
    invocations: 0,
    messagesReceived: 0,
    messagesDeleted: 0,
    messagesFailed: 0,
    handlerErrors: 0,
    batchesInFlight: 0,
    peakBatchesInFlight: 0,
  };
  let running = true;
  let receiving = 0;
  const invocations = new Set<Promise<void>>();
  let slotFreed: (() => void) | undefined;

  async function freeSlot(): Promise<void> {
    // Receives under way count too: each may bring a batch that needs a slot.
    while (running && stats.batchesInFlight + receiving >= maxConcurrency) {
      await new Promise<void>((resolve) => {
        const previous = slotFreed;
        slotFreed = () => {
          previous?.();
          resolve();
        };
      });
    }
  }

  function releaseSlot(): void {
    const wake = slotFreed;
    slotFreed = undefined;
    wake?.();
  }

  let visibilityTimeoutSeconds: Promise<number> | undefined;

  function queueVisibilityTimeoutSeconds(): Promise<number> {
    visibilityTimeoutSeconds ??= options.sqs
      .send(new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['VisibilityTimeout'] }))
      .then((answer) => Number(answer.Attributes?.VisibilityTimeout ?? 30));
    return visibilityTimeoutSeconds;
  }

  /** Keeps a running batch invisible; returns the function that stops doing so. */
  async function holdInvisible(messages: Message[]): Promise<() => void> {
    const seconds = await queueVisibilityTimeoutSeconds().catch(() => 30);
    const renew = () =>
      options.sqs
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle,
              VisibilityTimeout: seconds,
            })),
          }),
        )
        .catch(() => undefined);
    const timer = setInterval(() => void renew(), Math.max(250, (seconds * 1000) / 2));
    return () => clearInterval(timer);
  }

  async function pollOnce(): Promise<void> {
    await freeSlot();
    if (!running) return;
    receiving += 1;
    let messages: Message[];
    try {
      messages = await receive();
    } finally {
      receiving -= 1;
    }
    if (messages.length === 0) {
      releaseSlot();
      return;
    }
    stats.batchesInFlight += 1;
    stats.peakBatchesInFlight = Math.max(stats.peakBatchesInFlight, stats.batchesInFlight);
    const invocation = invoke(messages)
      .catch((error: unknown) => options.onInvocationError?.(error))
      .finally(() => {
        stats.batchesInFlight -= 1;
        invocations.delete(invocation);
        releaseSlot();
      });
    invocations.add(invocation);
  }

  async function receive(): Promise<Message[]> {
    const received = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return received.Messages ?? [];
  }

  async function invoke(messages: Message[]): Promise<void> {
    stats.invocations += 1;
    stats.messagesReceived += messages.length;
    const event: SQSEvent = { Records: messages.map((message) => toSqsRecord(message, options.queueArn)) };
    let failedIds: Set<string>;
    const release = await holdInvisible(messages);
    try {
      const response = await options.handler(event, lambdaContext(options.functionName, functionTimeoutMs));
      failedIds = failedMessageIds(response, event);
    } catch (error) {
      stats.handlerErrors += 1;
      options.onInvocationError?.(error);
      failedIds = new Set(event.Records.map((record) => record.messageId));
    } finally {
      release();
    }
    const succeeded = messages.filter((message) => !failedIds.has(message.MessageId ?? ''));
    stats.messagesFailed += messages.length - succeeded.length;
    if (succeeded.length > 0) {
      await options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
      stats.messagesDeleted += succeeded.length;
    }
  }

  async function pollLoop(): Promise<void> {
    while (running) {
      try {
        await pollOnce();
      } catch (error) {
        if (!running) return;
        options.onInvocationError?.(error);
        await sleep(200);
      }
    }
  }

  const loops = Array.from({ length: pollers }, () => pollLoop());

  return {
    stats,
    async waitUntilIdle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let quietChecks = 0;
      while (Date.now() < deadline) {
        const attributes = await options.sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: options.queueUrl,
            AttributeNames: [
              'ApproximateNumberOfMessages',
              'ApproximateNumberOfMessagesNotVisible',
              'ApproximateNumberOfMessagesDelayed',
            ],
          }),
        );
        const pending =
          Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
          Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
          Number(attributes.Attributes?.ApproximateNumberOfMessagesDelayed ?? 0);
        // Two quiet looks in a row: a batch may be between receive and invoke on the first one.
        quietChecks = pending === 0 && stats.batchesInFlight === 0 ? quietChecks + 1 : 0;
        if (quietChecks >= 2) return;
        await sleep(50);
      }
      throw new Error(`${options.functionName}: queue not idle after ${timeoutMs} ms`);
    },
    async stop() {
      running = false;
      releaseSlot();
      await Promise.allSettled(loops);
      await Promise.allSettled([...invocations]);
    },
  };
}

/** What Lambda does with a partial batch response. */
function failedMessageIds(response: SQSBatchResponse | void, event: SQSEvent): Set<string> {
  const all = new Set(event.Records.map((record) => record.messageId));
  if (!response || !Array.isArray(response.batchItemFailures)) return new Set();
  const failed = new Set<string>();
  for (const failure of response.batchItemFailures) {
    const id = failure?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !all.has(id)) return all;
    failed.add(id);
  }
  return failed;
}

function toSqsRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
      ...(attributes.MessageDeduplicationId ? { MessageDeduplicationId: attributes.MessageDeduplicationId } : {}),
      ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          stringValue: value.StringValue,
          dataType: value.DataType ?? 'String',
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3] ?? 'us-east-1',
  };
}

export function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
