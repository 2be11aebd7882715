import { createAttioClient, type AttioClient } from '../../../shared/attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../../../shared/attio/attio-http';
import { partneroPageReader } from '../../../shared/backfill/partnero-pages';
import { sendQueueMessages } from '../../../shared/queue/send-queue-messages';
import { AttioSchemaCache } from '../../../shared/partnero-to-attio/attio-schema-cache';
import { ProgramContextLoader } from '../../../shared/programs/program-context';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { reconcileProgram } from '../../../shared/reconciliation/reconcile-program';
import type { RetryPolicy } from '../../../shared/reconciliation/read-with-retries';
import { ReconciliationReports, type ReconciliationSummary } from '../../../shared/reconciliation/reconciliation-report';
import { tokenCipherFromEnvironment } from '../../../shared/security/token-cipher';
import { localSqsClient } from '../../support/local-aws-clients';
import type { SyncWorld } from '../partnero-to-attio/sync-world';
import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';

/**
 * One program's reconciliation with the handler's real adapters, but only that program and with
 * a retry policy the test chooses: the scheduled job reconciles every program of the world in an
 * order of its own, so a fault injected for "the next N reads" would land on another program.
 */
export async function reconcileOneProgram(
  world: SyncWorld,
  programId: string,
  retry: RetryPolicy,
  options: { readonly dealPageSize?: number; readonly wrapAttio?: (client: AttioClient) => AttioClient } = {},
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
        attioFor: (accessToken) => wrap(createAttioClient({ apiUrl: world.attio.url, accessToken, waitOutRateLimits: WAIT_OUT_RATE_LIMITS })),
        schemas: new AttioSchemaCache(),
        sendToPartneroQueue: (messages) => sendQueueMessages(sdkSqsBatchSender(sqs), world.stack.resources.queues['partnero-to-attio'].url, messages),
        sendToAttioQueue: (messages) => sendQueueMessages(sdkSqsBatchSender(sqs), world.stack.resources.queues['attio-to-partnero'].url, messages),
        audit: world.audit,
        reports: new ReconciliationReports(world.table),
        retry,
        dealPageSize: options.dealPageSize,
      },
      programId,
      Date.now() + 30_000,
    );
    if (!summary) throw new Error(`program ${programId} has not connected Attio`);
    return summary;
  } finally {
    sqs.destroy();
  }
}
