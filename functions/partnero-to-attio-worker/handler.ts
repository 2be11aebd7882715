import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createAttioClient } from '../../shared/attio/attio-client';
import { sqsClient } from '../../shared/aws/sqs-client';
import { countBackfillProgress } from '../../shared/backfill/backfill-progress-counter';
import { BackfillStore } from '../../shared/backfill/backfill-store';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { logger } from '../../shared/observability/powertools';
import { createPartneroClient } from '../../shared/partnero/partnero-client';
import { PartneroToAttioSync } from '../../shared/partnero-to-attio/apply-partnero-event';
import { attioRecordsOf } from '../../shared/partnero-to-attio/attio-records';
import { AttioSchemaCache } from '../../shared/partnero-to-attio/attio-schema-cache';
import { partneroRecordsOf } from '../../shared/partnero-to-attio/partnero-records';
import { describePartneroMessage, processPartneroMessage } from '../../shared/partnero-to-attio/process-partnero-message';
import { OwnActorLearning } from '../../shared/connect/own-actor-learning';
import { ProgramContextLoader, WORKER_PROGRAM_CACHE_MS } from '../../shared/programs/program-context';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { tokenCipherFromEnvironment } from '../../shared/security/token-cipher';
import { budgetOptionsFrom } from '../../shared/provider-budget/budget-environment';
import { workerBudgets } from '../../shared/provider-budget/worker-budgets';
import { syncTable } from '../../shared/store/sync-table';
import { AuditLog } from '../../shared/sync/audit-log';
import { circuitBreakerPolicyFrom } from '../../shared/sync/circuit-breaker';
import { RecordCircuitBreaker } from '../../shared/sync/circuit-breaker-guard';
import { CircuitBreakerRepository } from '../../shared/sync/circuit-breaker-repository';
import { LinkRepository } from '../../shared/sync/link-repository';
import { DeadLetterRecords } from '../../shared/sync/dead-letter-records';
import { createQueueWorker } from '../../shared/sync/queue-worker';
import { maxReceiveCountOf } from '../../shared/sync/redrive-policy';

const environment = readFunctionEnvironment();

const table = syncTable(environment[ENV.syncTableName]);
const backfills = new BackfillStore(table);
const programRepository = new ProgramRepository(table);
const programs = new ProgramContextLoader(programRepository, tokenCipherFromEnvironment(), { cacheMs: WORKER_PROGRAM_CACHE_MS });
const sync = new PartneroToAttioSync({ links: new LinkRepository(table), schemas: new AttioSchemaCache() });
/** This worker reads then writes Attio: one claim takes a block of each (`shared/provider-budget/`). */
const budgets = workerBudgets(table, { attioAlongside: ['write'], ...budgetOptionsFrom(environment) });
const dependencies = {
  programs,
  sync,
  attioFor: (accessToken: string, workspaceId: string) =>
    attioRecordsOf(createAttioClient({ apiUrl: environment[ENV.attioApiUrl], accessToken, beforeRequest: budgets.attioBeforeRequest(workspaceId) })),
  partneroFor: (apiKey: string, programId: string) =>
    partneroRecordsOf(createPartneroClient({ apiUrl: environment[ENV.partneroApiUrl], apiKey, beforeRequest: budgets.partneroBeforeRequest(programId) })),
  breaker: new RecordCircuitBreaker(new CircuitBreakerRepository(table), circuitBreakerPolicyFrom(), 'partnero-to-attio'),
  ownActor: new OwnActorLearning({
    store: programRepository,
    attioFor: (accessToken: string) => createAttioClient({ apiUrl: environment[ENV.attioApiUrl], accessToken }),
    onError: (step, error) => logger.warn('own Attio actor: step left for a later write', { step, reason: String(error) }),
  }),
};

/** Built at the first batch: the worker dead-letters on the last receive, so it reads the queue's own maxReceiveCount. */
let worker: Promise<ReturnType<typeof createQueueWorker>> | undefined;

async function buildWorker() {
  const sqs = sqsClient();
  const queueUrl = environment[ENV.partneroToAttioQueueUrl];
  return createQueueWorker(
    {
      direction: 'partnero-to-attio',
      startBatch: () => undefined,
      processMessage: async (message) =>
        countBackfillProgress(backfills, message, await processPartneroMessage(message, dependencies), (error) => logger.warn('backfill progress not counted', { reason: String(error) })),
      describeMessage: describePartneroMessage,
    },
    {
      sqs,
      audit: new AuditLog(table),
      queueUrl,
      deadLetterQueueUrl: environment[ENV.partneroToAttioDeadLetterQueueUrl],
      maxReceiveCount: await maxReceiveCountOf(sqs, queueUrl),
      deadLetters: new DeadLetterRecords(table),
    },
  );
}

/** Partnero -> Attio: applies queued Partnero partner, customer and transaction events to Attio. */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  worker ??= buildWorker().catch((error: unknown) => {
    worker = undefined;
    throw error;
  });
  return (await worker)(event, context);
}
