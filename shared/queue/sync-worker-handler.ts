import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sqsClient } from '../aws/sqs-client';
import type { AttioCallKind } from '../provider-budget/provider-limits';
import { AuditLog } from '../sync/audit-log';
import { syncWorkerParts, type SyncWorkerEnvironment, type SyncWorkerParts } from './sync-worker-parts';
import { DeadLetterRecords } from './dead-letter-records';
import { createQueueWorker, type QueueWorkerOptions } from './queue-worker';
import { maxReceiveCountOf } from './redrive-policy';
import type { SyncDirection } from './sync-queues';

/** How one direction processes its messages: the queue worker's options without the direction. */
export type SyncWorkerProcessing<BatchScope> = Omit<QueueWorkerOptions<BatchScope>, 'direction'>;

/** One direction's worker as its handler declares it. */
export interface SyncWorkerDeclaration<BatchScope> {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** What one Attio budget claim takes besides the kind asked for (see `syncWorkerParts`). */
  readonly attioAlongside: readonly AttioCallKind[];
  /** Builds the direction's own parts from the shared ones, once per container, and says how it processes a message. */
  readonly worker: (parts: SyncWorkerParts) => SyncWorkerProcessing<BatchScope>;
}

export type SyncWorkerLambdaHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The Lambda handler of one sync direction: the queue worker (`queue-worker.ts`) over the
 * direction's parts, with the program's dead-letter records and the sync history.
 *
 *   container start ─▶ shared parts + the direction's parts (`declaration.worker`)
 *   first batch     ─▶ the queue's own maxReceiveCount ─▶ the queue worker, kept for the container
 *                        └── the read fails ─▶ this batch fails (SQS gives it again), the next batch reads again
 *
 * The worker dead-letters a message on its last receive, so it must know the very number the
 * queue was created with (`redrive-policy.ts`); reading it at the first batch rather than at the
 * start keeps a failed read from breaking the container.
 */
export function syncWorkerHandler<BatchScope>(
  direction: SyncDirection,
  environment: SyncWorkerEnvironment,
  declaration: SyncWorkerDeclaration<BatchScope>,
): SyncWorkerLambdaHandler {
  const parts = syncWorkerParts(direction, environment, declaration.attioAlongside);
  const options = { direction, ...declaration.worker(parts) };
  const sqs = sqsClient();
  const start = async () =>
    createQueueWorker(options, {
      sqs,
      audit: new AuditLog(parts.table),
      queueUrl: declaration.queueUrl,
      deadLetterQueueUrl: declaration.deadLetterQueueUrl,
      maxReceiveCount: await maxReceiveCountOf(sqs, declaration.queueUrl),
      deadLetters: new DeadLetterRecords(parts.table),
    });

  let worker: ReturnType<typeof start> | undefined;
  return async (event, context) => {
    worker ??= start().catch((error: unknown) => {
      worker = undefined;
      throw error;
    });
    return (await worker)(event, context);
  };
}
