import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  startEventSourceMapping,
  type EventSourceMappingStats,
  type SqsHandler,
} from '../../local/event-source-mapping';

export interface WorkerRun {
  readonly sqs: SQSClient;
  readonly queue: { readonly url: string; readonly arn: string };
  readonly handler: SqsHandler;
  /** How long the queue may take to go idle before the run fails. */
  readonly idleWithinMs: number;
  readonly batchSize?: number;
}

/** Runs the handler as the queue's worker, through a local event source mapping, until the queue is idle; then stops it and answers its counts. */
export async function runWorkerUntilIdle({
  sqs,
  queue,
  handler,
  idleWithinMs,
  batchSize,
}: WorkerRun): Promise<EventSourceMappingStats> {
  const mapping = startEventSourceMapping({
    sqs,
    queueUrl: queue.url,
    queueArn: queue.arn,
    functionName: 'worker',
    handler,
    batchSize,
  });
  try {
    await mapping.waitUntilIdle(idleWithinMs);
  } finally {
    await mapping.stop();
  }
  return mapping.stats;
}
