import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SqsQueueClient } from '../aws/sqs-queue-client';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BudgetExhaustedError, PermanentError, RateLimitedError, RetryableError } from '../errors';
import { logger, metrics } from '../observability/powertools';
import type { SyncDirection } from './sync-queues';
import type { AuditLog } from '../sync/audit-log';
import { processBatchByRecord } from './batch-by-record';
import { sendToDeadLetterQueue } from './dead-letter';
import type { DeadLetterRecords } from './dead-letter-records';
import { requeueThrottledMessage } from './rate-limit-requeue';
import type { SyncOutcome } from '../sync/outcomes';
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
  readonly sqs: Pick<SqsQueueClient, 'sendMessage' | 'changeMessageVisibility'>;
  readonly audit: AuditLog;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** Receives after which a still-failing message is dead-lettered with its reason (the queue's maxReceiveCount). */
  readonly maxReceiveCount: number;
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

/**
 * The Lambda handler shared by both sync directions. Per record:
 *
 *   parse ──invalid──────────────────────────────────────────────▶ DLQ with reason, delete
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
 * There is no idempotency record per delivery (it cost 2 WRU per change): a delivery that comes
 * again is harmless without one, so a replay only adds an audit entry saying what it found.
 * - Within 5 minutes SQS FIFO drops it: the deduplication id is the delivery key.
 * - Later (a provider retry, a worker killed after its writes but before the delete, a DLQ or
 *   parked replay) the domain finds its own work done: the Partnero -> Attio sync re-reads the
 *   record and finds the link's hash equal to the plan (`noop`), an older version `stale`, a
 *   sale already linked (`noop`); an Attio assert on the tag finds the record it created, so
 *   no second record; a won deal finds its commission claim `paid` (or `claimed`, which is
 *   finished by asking Partnero, never by paying blind: `shared/commissions/commission-claim.ts`);
 *   a person update finds the customer's hash equal. Echoes of our own writes stay echoes.
 * - Two copies are never processed at once: both carry the record's lane (its message group),
 *   which FIFO hands to one batch at a time, and a batch runs one record's events in order.
 * The chaos soak (`test/integration/chaos/`, `npm run bench:chaos`) duplicates, reorders and
 * replays deliveries and kills workers mid-batch, and checks both sides against its oracle.
 */
export function createQueueWorker<BatchScope>(
  options: QueueWorkerOptions<BatchScope>,
  dependencies: QueueWorkerDependencies,
) {
  // Each delivery, and each replay of one, gets its audit entry (see above for why a replay is harmless).
  const processOnce = async (input: {
    message: SyncMessage;
    record: SQSRecord;
    scope: BatchScope;
  }): Promise<ProcessedEvent> => {
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
  };

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
      await sendToDeadLetterQueue(
        dependencies.sqs,
        dependencies.deadLetterQueueUrl,
        sqsRecord,
        'malformed message: not a sync message',
        { direction: options.direction, records: dependencies.deadLetters },
      );
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
    const retryable = error instanceof RetryableError || !(error instanceof PermanentError);
    if (retryable && receiveCount < dependencies.maxReceiveCount) {
      logger.warn('event failed, will be retried', {
        messageId: sqsRecord.messageId,
        programId: message.programId,
        receiveCount,
        reason,
      });
      await delayRetry(sqsRecord, retryDelaySeconds(error, receiveCount));
      throw error;
    }
    await sendToDeadLetterQueue(dependencies.sqs, dependencies.deadLetterQueueUrl, sqsRecord, reason, {
      direction: options.direction,
      ...describe(message),
      records: dependencies.deadLetters,
    });
    logger.error('event dead-lettered', {
      messageId: sqsRecord.messageId,
      programId: message.programId,
      receiveCount,
      reason,
    });
    await record({ ...describe(message), targetRecord: null, outcome: 'failed', reason });
  }

  /**
   * Throttled, by our own budget before the call or by the provider's 429: the message is
   * fine, its workspace or program is busy. It goes back until its slot and never towards the
   * dead-letter queue. While receives are left it stays at the head of its message group,
   * invisible until the slot (FIFO order kept); on the last receive it is sent again as a
   * fresh message, since SQS cannot give a receive back (see rate-limit-requeue.ts).
   */
  async function putBackUntilSlot(
    sqsRecord: SQSRecord,
    message: SyncMessage,
    error: RateLimitedError,
    receiveCount: number,
  ): Promise<void> {
    const metric = metrics.singleMetric();
    metric.addDimension('provider', error.provider);
    metric.addDimension('by', error instanceof BudgetExhaustedError ? 'budget' : 'provider');
    metric.addMetric('ProviderRateLimited', MetricUnit.Count, 1);
    const context = {
      messageId: sqsRecord.messageId,
      programId: message.programId,
      receiveCount,
      reason: error.message,
    };
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
      .changeMessageVisibility({
        QueueUrl: dependencies.queueUrl,
        ReceiptHandle: sqsRecord.receiptHandle,
        VisibilityTimeout: delaySeconds,
      })
      .catch((visibilityError: unknown) =>
        logger.warn('could not delay the retry', { reason: String(visibilityError) }),
      );
  }

  const lambdaHandler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const scope = options.startBatch(
      event.Records.map(parseMessage).filter((message): message is SyncMessage => message !== undefined),
    );
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
  const sourceEvent =
    typeof event.event === 'string' ? event.event : typeof event.event_type === 'string' ? event.event_type : 'unknown';
  return { programId: message.programId, sourceEvent, sourceRecord: `${message.source}:${message.deliveryKey}` };
}

/** Seconds until the next try: the provider's Retry-After when it gave one, else exponential backoff. */
function retryDelaySeconds(error: unknown, receiveCount: number): number | undefined {
  if (error instanceof RetryableError && error.retryAfterMs !== undefined)
    return Math.min(900, Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  return Math.min(900, 2 ** Math.max(0, receiveCount - 1));
}
