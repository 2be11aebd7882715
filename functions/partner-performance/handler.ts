import type { Context } from 'aws-lambda';
import { sqsBatchSender } from '../../shared/aws/sqs-batch-sender';
import { sendQueueMessages } from '../../shared/queue/send-queue-messages';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { logger } from '../../shared/observability/powertools';
import { refreshPartnerFigures } from '../../shared/partner-performance/refresh-partner-figures';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { syncTable } from '../../shared/store/sync-table';

const environment = readFunctionEnvironment();
const table = syncTable(environment[ENV.syncTableName]);
const deps = {
  table,
  programs: new ProgramRepository(table),
  send: (messages: Parameters<typeof sendQueueMessages>[2]) =>
    sendQueueMessages(sqsBatchSender(), environment[ENV.partneroToAttioQueueUrl], messages),
};

const SAFETY_MARGIN_MS = 10_000;

/** Queues the partners of each program whose figures are due for their refresh (shared/partner-performance). */
export async function handler(_event: unknown, context: Context): Promise<{ programs: number; queued: number }> {
  const refreshed = await refreshPartnerFigures(
    deps,
    new Date(),
    Date.now() + context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS,
  );
  for (const summary of refreshed)
    logger.info('partner figures queued for refresh', { programId: summary.programId, queued: summary.queued });
  return { programs: refreshed.length, queued: refreshed.reduce((sum, summary) => sum + summary.queued, 0) };
}
