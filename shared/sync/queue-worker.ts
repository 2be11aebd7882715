import { IdempotencyAlreadyInProgressError, IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BudgetExhaustedError, PermanentError, RateLimitedError, RetryableError } from '../errors';
import { logger, metrics } from '../observability/powertools';
import type { SyncDirection } from '../sync-queues';
import type { AuditLog } from './audit-log';
import { processBatchByRecord } from './batch-by-record';
import { sendToDeadLetterQueue } from './dead-letter';
import type { DeadLetterRecords } from './dead-letter-records';
import { requeueThrottledMessage } from './rate-limit-requeue';
import type { SyncOutcome } from './outcomes';
import { syncMessageSchema, type SyncMessage } from './sync-message';

/** What a worker did with one event: the audit entry, without its time. */
export interface ProcessedEvent {
  readonly programId: string;
  readonly sourceEvent: string;
  readonly sourceRecord: string;
  readonly targetRecord: string | null;
  readonly outcome: SyncOutcome;
  readonly reason: string;
}

export interface QueueWorkerDependencies {
  readonly sqs: SQSClient;
  readonly audit: AuditLog;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly idempotencyTableName: string;
  /** The client for the idempotency table; by default one from the SDK's environment (AWS_ENDPOINT_URL_DYNAMODB locally). */
  readonly dynamoDb?: DynamoDBClient;
  /** Receives after which a still-failing message is dead-lettered with its reason (the queue's maxReceiveCount). */
  readonly maxReceiveCount: number;
  /** How long a delivery key is remembered; provider retries and DLQ replays inside it are recognised. */
  readonly idempotencyWindowSeconds?: number;
  /** Each program's own record of its dead letters (its Status tab); without it only the shared DLQ has them. */
  readonly deadLetters?: Pick<DeadLetterRecords, 'record'>;
}

export interface QueueWorkerOptions<BatchScope> {
  readonly direction: SyncDirection;
  /** Shared state for one batch, e.g. coalescing several events of one record into one re-fetch. */
  readonly startBatch: (messages: SyncMessage[]) => BatchScope;
  readonly processMessage: (message: SyncMessage, scope: BatchScope) => Promise<ProcessedEvent>;
  /**
   * Names a message's event and record for the audit entries the worker writes itself (a
   * message dead-lettered as `failed`), so they can be found from the record like the others.
   * By default the event name and `<source>:<delivery key>`.
   */
  readonly describeMessage?: (message: SyncMessage) => Pick<ProcessedEvent, 'sourceEvent' | 'sourceRecord'> | undefined;
}

const SECONDS_PER_DAY = 24 * 3600;

/**
 * The Lambda handler shared by both sync directions. Per record:
 *
 *   parse ──invalid──────────────────────────────────────────────▶ DLQ with reason, delete
 *     │
 *   idempotency (delivery key) ──seen before──────────────────────▶ delete (nothing written)
 *     │
 *   processMessage ──ok / noop / echo / stale / skipped──────────▶ audit, metric, delete
 *     ├──PermanentError (4xx that retrying cannot fix)───────────▶ audit `rejected`, delete
 *     └──RetryableError / unexpected error
 *          ├── throttled (our budget or a 429) ──▶ invisible until its slot; last receive: sent again fresh, delete
 *          ├── receives left ──▶ batch item failure (after Retry-After when the provider gave one)
 *          └── last receive  ──▶ DLQ with reason, audit `failed`, delete
 *
 * The batch's records run side by side, each record's own events one after another; a failed
 * event fails the rest of its record's events in the batch (`batch-by-record.ts`), so the
 * events of one record are applied in order while one slow or throttled record holds up no other.
 */
export function createQueueWorker<BatchScope>(options: QueueWorkerOptions<BatchScope>, dependencies: QueueWorkerDependencies) {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName: dependencies.idempotencyTableName, awsSdkV3Client: dependencies.dynamoDb });
  const idempotencyConfig = new IdempotencyConfig({
    eventKeyJmesPath: 'message.deliveryKey',
    expiresAfterSeconds: dependencies.idempotencyWindowSeconds ?? 7 * SECONDS_PER_DAY,
  });

  // Runs once per delivery key: the audit entry is written inside, so a redelivery adds none.
  const processOnce = makeIdempotent(
    async (input: { message: SyncMessage; record: SQSRecord; scope: BatchScope }): Promise<ProcessedEvent> => {
      let processed: ProcessedEvent;
      try {
        processed = await options.processMessage(input.message, input.scope);
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        processed = {
          ...describe(input.message),
          targetRecord: null,
          outcome: 'rejected',
          reason: error.message,
        };
      }
      await record(processed);
      return processed;
    },
    { persistenceStore, config: idempotencyConfig },
  );

  function describe(message: SyncMessage): Pick<ProcessedEvent, 'programId' | 'sourceEvent' | 'sourceRecord'> {
    let described: Pick<ProcessedEvent, 'sourceEvent' | 'sourceRecord'> | undefined;
    try {
      described = options.describeMessage?.(message);
    } catch {
      // A message the domain cannot describe is described by its delivery.
    }
    return { ...describeSource(message), ...described };
  }

  async function record(processed: ProcessedEvent): Promise<void> {
    await dependencies.audit.record({ direction: options.direction, ...processed });
    const metric = metrics.singleMetric();
    metric.addDimension('direction', options.direction);
    metric.addDimension('outcome', processed.outcome);
    metric.addMetric('SyncOutcome', MetricUnit.Count, 1);
    logger.info('event processed', { ...processed, direction: options.direction });
  }

  async function handleRecord(sqsRecord: SQSRecord, scope: BatchScope): Promise<void> {
    const message = parseMessage(sqsRecord);
    if (!message) {
      await sendToDeadLetterQueue(dependencies.sqs, dependencies.deadLetterQueueUrl, sqsRecord, 'malformed message: not a sync message', { direction: options.direction, records: dependencies.deadLetters });
      logger.error('malformed message dead-lettered', { messageId: sqsRecord.messageId });
      return;
    }
    try {
      await processOnce({ message, record: sqsRecord, scope });
    } catch (error) {
      await handleFailure(sqsRecord, message, error);
    }
  }

  async function handleFailure(sqsRecord: SQSRecord, message: SyncMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const receiveCount = Number(sqsRecord.attributes.ApproximateReceiveCount);
    if (error instanceof RateLimitedError) return putBackUntilSlot(sqsRecord, message, error, receiveCount);
    const retryable = error instanceof RetryableError || error instanceof IdempotencyAlreadyInProgressError || !(error instanceof PermanentError);
    if (retryable && receiveCount < dependencies.maxReceiveCount) {
      logger.warn('event failed, will be retried', { messageId: sqsRecord.messageId, programId: message.programId, receiveCount, reason });
      await delayRetry(sqsRecord, retryDelaySeconds(error, receiveCount));
      throw error;
    }
    await sendToDeadLetterQueue(dependencies.sqs, dependencies.deadLetterQueueUrl, sqsRecord, reason, { direction: options.direction, ...describe(message), records: dependencies.deadLetters });
    logger.error('event dead-lettered', { messageId: sqsRecord.messageId, programId: message.programId, receiveCount, reason });
    await record({ ...describe(message), targetRecord: null, outcome: 'failed', reason });
  }

  /**
   * Throttled, by our own budget before the call or by the provider's 429: the message is
   * fine, its workspace or program is busy. It goes back until its slot and never towards the
   * dead-letter queue. While receives are left it stays at the head of its message group,
   * invisible until the slot (FIFO order kept); on the last receive it is sent again as a
   * fresh message, since SQS cannot give a receive back (see rate-limit-requeue.ts).
   */
  async function putBackUntilSlot(sqsRecord: SQSRecord, message: SyncMessage, error: RateLimitedError, receiveCount: number): Promise<void> {
    const metric = metrics.singleMetric();
    metric.addDimension('provider', error.provider);
    metric.addDimension('by', error instanceof BudgetExhaustedError ? 'budget' : 'provider');
    metric.addMetric('ProviderRateLimited', MetricUnit.Count, 1);
    const context = { messageId: sqsRecord.messageId, programId: message.programId, receiveCount, reason: error.message };
    if (receiveCount < dependencies.maxReceiveCount) {
      logger.info('throttled event put back until its slot', context);
      await delayRetry(sqsRecord, retryDelaySeconds(error, receiveCount));
      throw error;
    }
    const requeues = await requeueThrottledMessage(dependencies.sqs, dependencies.queueUrl, sqsRecord);
    logger.warn('throttled event sent again with a fresh receive count', { ...context, requeues });
  }

  async function delayRetry(sqsRecord: SQSRecord, delaySeconds: number | undefined): Promise<void> {
    if (delaySeconds === undefined) return;
    await dependencies.sqs
      .send(new ChangeMessageVisibilityCommand({ QueueUrl: dependencies.queueUrl, ReceiptHandle: sqsRecord.receiptHandle, VisibilityTimeout: delaySeconds }))
      .catch((visibilityError: unknown) => logger.warn('could not delay the retry', { reason: String(visibilityError) }));
  }

  const lambdaHandler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    idempotencyConfig.registerLambdaContext(context);
    const scope = options.startBatch(event.Records.map(parseMessage).filter((message): message is SyncMessage => message !== undefined));
    return processBatchByRecord(event.Records, recordKeyOf, (sqsRecord) => handleRecord(sqsRecord, scope));
  };

  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(lambdaHandler);
}

function parseMessage(record: SQSRecord): SyncMessage | undefined {
  try {
    const parsed = syncMessageSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The record a message is about: named by its sender; a message queued before lanes had its record as its SQS group. */
function recordKeyOf(record: SQSRecord): string {
  return parseMessage(record)?.recordKey ?? record.attributes.MessageGroupId ?? record.messageId;
}

function describeSource(message: SyncMessage): Pick<ProcessedEvent, 'programId' | 'sourceEvent' | 'sourceRecord'> {
  const event = (message.event ?? {}) as Record<string, unknown>;
  const sourceEvent = typeof event.event === 'string' ? event.event : typeof event.event_type === 'string' ? event.event_type : 'unknown';
  return { programId: message.programId, sourceEvent, sourceRecord: `${message.source}:${message.deliveryKey}` };
}

/** Seconds until the next try: the provider's Retry-After when it gave one, else exponential backoff. */
function retryDelaySeconds(error: unknown, receiveCount: number): number | undefined {
  if (error instanceof RetryableError && error.retryAfterMs !== undefined) return Math.min(900, Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  if (error instanceof IdempotencyAlreadyInProgressError) return undefined;
  return Math.min(900, 2 ** Math.max(0, receiveCount - 1));
}
