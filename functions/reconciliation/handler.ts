import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { createAttioClient } from '../../shared/attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../../shared/attio/attio-http';
import { sqsBatchSender } from '../../shared/aws/sqs-batch-sender';
import { BackfillStore } from '../../shared/backfill/backfill-store';
import { partneroPageReader } from '../../shared/backfill/partnero-pages';
import { sendQueueMessages } from '../../shared/queue/send-queue-messages';
import { ENV } from '../../shared/config/environment-names';
import { httpUrl, readEnvironment } from '../../shared/config/read-environment';
import { logger } from '../../shared/observability/powertools';
import { AttioSchemaCache } from '../../shared/attio/attio-schema-cache';
import { ProgramContextLoader } from '../../shared/programs/program-context';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { reconcilePrograms } from '../../shared/reconciliation/reconcile-programs';
import { ReconciliationReports } from '../../shared/reconciliation/reconciliation-report';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { syncTable } from '../../shared/store/sync-table';
import { AuditLog } from '../../shared/sync/audit-log';
import { LinkRepository } from '../../shared/sync/link-repository';

// Its own schema, not readFunctionEnvironment(): the shared reader costs ~1.1 kB and this bundle's budget
// (test/infra/bundling.test.ts) has less left. The local stack still gives it only its catalog entry's variables.
const environment = readEnvironment(
  z.object({
    [ENV.syncTableName]: z.string().min(1),
    [ENV.partneroToAttioQueueUrl]: httpUrl,
    [ENV.attioToPartneroQueueUrl]: httpUrl,
    [ENV.partneroApiUrl]: httpUrl,
    [ENV.attioApiUrl]: httpUrl,
  }),
);

const table = syncTable(environment[ENV.syncTableName]);
const deps = {
  table,
  programs: new ProgramContextLoader(new ProgramRepository(table), tokenCipherFromEnvironment()),
  links: new LinkRepository(table),
  pagesFor: (apiKey: string) => partneroPageReader({ apiUrl: environment[ENV.partneroApiUrl], apiKey }),
  // A scheduled run has no queue to give throttled pages back to: it waits out a 429 a few times.
  attioFor: (accessToken: string) =>
    createAttioClient({ apiUrl: environment[ENV.attioApiUrl], accessToken, waitOutRateLimits: WAIT_OUT_RATE_LIMITS }),
  schemas: new AttioSchemaCache(),
  sendToPartneroQueue: (messages: Parameters<typeof sendQueueMessages>[2]) =>
    sendQueueMessages(sqsBatchSender(), environment[ENV.partneroToAttioQueueUrl], messages),
  sendToAttioQueue: (messages: Parameters<typeof sendQueueMessages>[2]) =>
    sendQueueMessages(sqsBatchSender(), environment[ENV.attioToPartneroQueueUrl], messages),
  audit: new AuditLog(table),
  reports: new ReconciliationReports(table),
  backfills: new BackfillStore(table),
};

const SAFETY_MARGIN_MS = 30_000;

/** The reconciliation job, on a schedule: compares both sides of every program and enqueues repairs (shared/reconciliation). */
export async function handler(
  _event: unknown,
  context: Context,
): Promise<{ reconciled: number; repaired: number; failed: number; notReached: number; backfilling: number }> {
  const pass = await reconcilePrograms(deps, Date.now() + context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS);
  for (const summary of pass.reconciled)
    logger.info('program reconciled', {
      programId: summary.programId,
      runId: summary.runId,
      complete: summary.complete,
      checked: summary.checked,
      repaired: summary.repairCount,
    });
  return {
    reconciled: pass.reconciled.length,
    repaired: pass.reconciled.reduce((sum, summary) => sum + summary.repairCount, 0),
    failed: pass.failed.length,
    notReached: pass.notReached.length,
    backfilling: pass.backfilling.length,
  };
}
