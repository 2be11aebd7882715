import type { Context } from 'aws-lambda';
import { sqsBatchSender } from '../../shared/aws/sqs-batch-sender';
import { BackfillStore } from '../../shared/backfill/backfill-store';
import { defaultBackfillRunnerOptions, runBackfills } from '../../shared/backfill/backfill-runner';
import { partneroPageReader } from '../../shared/backfill/partnero-pages';
import { sendQueueMessages } from '../../shared/queue/send-queue-messages';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { logger } from '../../shared/observability/powertools';
import { ProgramContextLoader } from '../../shared/programs/program-context';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { syncTable } from '../../shared/store/sync-table';
import { AuditLog } from '../../shared/sync/audit-log';

const environment = readFunctionEnvironment();

const table = syncTable(environment[ENV.syncTableName]);
const queueUrl = environment[ENV.partneroToAttioQueueUrl];
const programs = new ProgramContextLoader(new ProgramRepository(table), tokenCipherFromEnvironment());

/** Time left for the last page and its checkpoint when the pass stops paging. */
const SAFETY_MARGIN_MS = 15_000;

/**
 * The backfill runner, on a schedule: pages Partnero for every program with a backfill in
 * progress and enqueues its records for the Partnero -> Attio worker (shared/backfill).
 */
export async function handler(_event: unknown, context: Context): Promise<{ programs: number }> {
  const passes = await runBackfills(
    {
      store: new BackfillStore(table),
      programs,
      pagesFor: (apiKey) => partneroPageReader({ apiUrl: environment[ENV.partneroApiUrl], apiKey }),
      send: (messages) => sendQueueMessages(sqsBatchSender(), queueUrl, messages),
      audit: new AuditLog(table),
      options: { ...defaultBackfillRunnerOptions, owner: context.awsRequestId },
    },
    Date.now() + context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS,
  );
  for (const pass of passes) logger.info('backfill pass', { ...pass });
  return { programs: passes.length };
}
