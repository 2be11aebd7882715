import { createAttioClient, type AttioClient } from '../../../shared/attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../../../shared/attio/attio-http';
import { partneroPageReader } from '../../../shared/backfill/partnero-pages';
import { sendQueueMessages, type QueueMessage } from '../../../shared/queue/send-queue-messages';
import { AttioSchemaCache } from '../../../shared/attio/attio-schema-cache';
import { ProgramContextLoader } from '../../../shared/programs/program-context';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { reconcileProgram } from '../../../shared/reconciliation/reconcile-program';
import type { ReconciliationCadence } from '../../../shared/reconciliation/reconciliation-cadence';
import type { RetryPolicy } from '../../../shared/reconciliation/read-with-retries';
import {
  ReconciliationReports,
  type ReconciliationSummary,
} from '../../../shared/reconciliation/reconciliation-report';
import { tokenCipherFromEnvironment } from '../../../shared/security/token-cipher';
import { localSqsClient } from '../../support/local-aws-clients';
import type { SyncWorld } from '../partnero-to-attio/sync-world';
import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';

/** Repairs a run enqueued, kept per queue until the test sends them (`releaseRepairs`). */
export type HeldRepairs = Record<'partnero-to-attio' | 'attio-to-partnero', QueueMessage[]>;

/** Puts held repairs on their queues, as the job would have. */
export async function releaseRepairs(world: SyncWorld, held: HeldRepairs): Promise<void> {
  const sqs = localSqsClient();
  try {
    for (const queue of ['partnero-to-attio', 'attio-to-partnero'] as const)
      await sendQueueMessages(sdkSqsBatchSender(sqs), world.stack.resources.queues[queue].url, held[queue].splice(0));
  } finally {
    sqs.destroy();
  }
}

/**
 * One program's reconciliation with the handler's real adapters, but only that program and with
 * a retry policy the test chooses: the scheduled job reconciles every program of the world in an
 * order of its own, so a fault injected for "the next N reads" would land on another program.
 */
export async function reconcileOneProgram(
  world: SyncWorld,
  programId: string,
  retry: RetryPolicy,
  options: {
    readonly dealPageSize?: number;
    readonly pageSize?: number;
    readonly cadence?: ReconciliationCadence;
    /** How long the run may take before it stops, incomplete (30 s unless a test says otherwise). */
    readonly deadlineMs?: number;
    readonly wrapAttio?: (client: AttioClient) => AttioClient;
    /** Keeps the repairs instead of queueing them, e.g. so that no worker calls a provider while the test counts the job's own requests. */
    readonly holdRepairs?: HeldRepairs;
  } = {},
): Promise<ReconciliationSummary> {
  const wrap = options.wrapAttio ?? ((client: AttioClient) => client);
  const sqs = localSqsClient();
  try {
    const summary = await reconcileProgram(
      {
        table: world.table,
        programs: new ProgramContextLoader(new ProgramRepository(world.table), tokenCipherFromEnvironment()),
        links: world.links,
        pagesFor: (apiKey) => partneroPageReader({ apiUrl: world.partnero.url, apiKey }),
        attioFor: (accessToken) =>
          wrap(createAttioClient({ apiUrl: world.attio.url, accessToken, waitOutRateLimits: WAIT_OUT_RATE_LIMITS })),
        schemas: new AttioSchemaCache(),
        sendToPartneroQueue: async (messages) => {
          if (options.holdRepairs) options.holdRepairs['partnero-to-attio'].push(...messages);
          else
            await sendQueueMessages(
              sdkSqsBatchSender(sqs),
              world.stack.resources.queues['partnero-to-attio'].url,
              messages,
            );
        },
        sendToAttioQueue: async (messages) => {
          if (options.holdRepairs) options.holdRepairs['attio-to-partnero'].push(...messages);
          else
            await sendQueueMessages(
              sdkSqsBatchSender(sqs),
              world.stack.resources.queues['attio-to-partnero'].url,
              messages,
            );
        },
        audit: world.audit,
        reports: new ReconciliationReports(world.table),
        retry,
        dealPageSize: options.dealPageSize,
        pageSize: options.pageSize,
        cadence: options.cadence,
      },
      programId,
      Date.now() + (options.deadlineMs ?? 30_000),
    );
    if (!summary) throw new Error(`program ${programId} has not connected Attio`);
    return summary;
  } finally {
    sqs.destroy();
  }
}
