import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  deadLetterQueueNameFor,
  MAX_RECEIVE_COUNT,
  queueNameFor,
  type SyncDirection,
} from '../../shared/queue/sync-queues';

export interface SyncWorkerProps {
  readonly direction: SyncDirection;
  readonly stageName: string;
  /** The worker function's timeout; the queue's visibility timeout is sized from it. */
  readonly workerTimeout: Duration;
  /** At least 6 x workerTimeout (the default); anything shorter fails the synth. */
  readonly visibilityTimeout?: Duration;
  /**
   * How long SQS holds every message back before a worker may receive it (the queue's DelaySeconds;
   * FIFO queues have no per-message delay), 0 to 900 s.
   * @default Duration.seconds(0)
   */
  readonly deliveryDelay?: Duration;
  /** Concurrent batches (ESM MaximumConcurrency, 2-1000), sized from the scale target (lib/stage-config.ts). */
  readonly maxConcurrency: number;
  /** Of the queues: a retained stage keeps its undelivered and dead-lettered events. */
  readonly removalPolicy: RemovalPolicy;
}

/** Lambda's guidance: the visibility timeout covers six function timeouts, so throttled retries fit in it. */
export const VISIBILITY_TO_TIMEOUT_RATIO = 6;
/** FIFO event source mappings take at most 10 messages per batch. */
export const BATCH_SIZE = 10;
/** SQS's maximum retention: a paused worker or a dead letter has two weeks before it is lost. */
export const RETENTION = Duration.days(14);

/**
 * One sync direction: its FIFO queue, the FIFO dead-letter queue behind it, and the worker
 * that consumes it. Created before the functions (webhooks send to the queue), then given its
 * worker with `consume`.
 *
 *   webhook ──▶ queue (high-throughput FIFO, group per program lane) ──batch of 10──▶ worker
 *                  │  after maxReceiveCount receives                 │ last receive: moves it
 *                  ▼                                                 ▼ itself, with the reason
 *               dead-letter queue (FIFO, 14 days) ◀───────────────────┘
 */
export class SyncWorker extends Construct {
  readonly direction: SyncDirection;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly maxConcurrency: number;
  readonly visibilityTimeout: Duration;
  private consumer?: IFunction;
  private consumerTimeout?: Duration;

  constructor(scope: Construct, id: string, props: SyncWorkerProps) {
    super(scope, id);
    this.direction = props.direction;
    this.maxConcurrency = props.maxConcurrency;
    const visibilityTimeout =
      props.visibilityTimeout ?? Duration.seconds(props.workerTimeout.toSeconds() * VISIBILITY_TO_TIMEOUT_RATIO);
    assertVisibilityCoversRetries(visibilityTimeout, props.workerTimeout, props.direction);
    this.visibilityTimeout = visibilityTimeout;
    if (!Number.isInteger(props.maxConcurrency) || props.maxConcurrency < 2 || props.maxConcurrency > 1000) {
      throw new Error(
        `${props.direction}: maxConcurrency must be an integer from 2 to 1000, got ${props.maxConcurrency}`,
      );
    }

    const prefix = `partnero-attio-sync-${props.stageName}`;
    const common = {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: RETENTION,
      removalPolicy: props.removalPolicy,
    };
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...common,
      queueName: deadLetterQueueNameFor(prefix, props.direction),
    });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      queueName: queueNameFor(prefix, props.direction),
      // All programs share the queue: throughput and deduplication per lane, not per queue (shared/queue/sync-queues.ts).
      // The same as the local stack's HIGH_THROUGHPUT_FIFO.
      deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      visibilityTimeout,
      deliveryDelay: props.deliveryDelay,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }

  /** The worker function, once created: the queue's event source mapping feeds it. */
  get worker(): IFunction | undefined {
    return this.consumer;
  }

  get workerTimeout(): Duration | undefined {
    return this.consumerTimeout;
  }

  /**
   * Attaches the worker: batches of 10, partial batch responses (only the failed messages
   * come back), and a concurrency cap sized from the scale target; a flooded program holds
   * at most its lanes' worth of it (shared/queue/sync-queues.ts). Fails if the function's timeout outgrew the queue's visibility timeout.
   */
  consume(worker: IFunction & { readonly timeout?: Duration }): void {
    if (this.consumer) throw new Error(`${this.direction}: the queue already has a worker`);
    if (!worker.timeout)
      throw new Error(`${this.direction}: the worker must set a timeout to size the queue's visibility timeout`);
    assertVisibilityCoversRetries(this.visibilityTimeout, worker.timeout, this.direction);
    worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: this.maxConcurrency,
      }),
    );
    this.consumer = worker;
    this.consumerTimeout = worker.timeout;
  }
}

/**
 * A message becomes visible again when its visibility timeout ends, even while a worker still
 * runs it; a throttled invocation is retried inside the same window. Six function timeouts
 * is Lambda's rule; less risks the same record processed twice at once.
 */
export function assertVisibilityCoversRetries(
  visibilityTimeout: Duration,
  functionTimeout: Duration,
  direction: string,
): void {
  const required = functionTimeout.toSeconds() * VISIBILITY_TO_TIMEOUT_RATIO;
  if (visibilityTimeout.toSeconds() < required) {
    throw new Error(
      `${direction}: queue visibility timeout ${visibilityTimeout.toSeconds()} s is less than ${VISIBILITY_TO_TIMEOUT_RATIO} x the worker's ` +
        `timeout of ${functionTimeout.toSeconds()} s (${required} s)`,
    );
  }
  if (visibilityTimeout.toSeconds() > 12 * 3600) {
    throw new Error(`${direction}: SQS allows a visibility timeout of at most 12 hours`);
  }
}
