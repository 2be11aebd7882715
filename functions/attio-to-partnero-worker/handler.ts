import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createAttioClient } from '../../shared/attio/attio-client';
import { attioReadPortOf } from '../../shared/attio-to-partnero/attio-read-port';
import { ObjectSlugCache } from '../../shared/attio-to-partnero/object-slugs';
import { processAttioMessage } from '../../shared/attio-to-partnero/process-attio-message';
import { AttioEventBatch } from '../../shared/attio-to-partnero/record-batch';
import { sqsClient } from '../../shared/aws/sqs-client';
import { ClaimRepository } from '../../shared/commissions/claim-repository';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { createPartneroClient } from '../../shared/partnero/partnero-client';
import { AttioSchemaCache } from '../../shared/partnero-to-attio/attio-schema-cache';
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
const sqs = sqsClient();
const queueUrl = environment[ENV.attioToPartneroQueueUrl];

/** This worker only reads Attio, so its claims never hold Attio write tokens (`shared/provider-budget/`). */
const budgets = workerBudgets(table, { attioAlongside: [], ...budgetOptionsFrom(environment) });

/** Container-wide: schemas and object slugs change rarely, claims and links are read fresh at every event. */
const dependencies = {
  programs: new ProgramContextLoader(new ProgramRepository(table), tokenCipherFromEnvironment(), { cacheMs: WORKER_PROGRAM_CACHE_MS }),
  links: new LinkRepository(table),
  claims: new ClaimRepository(table),
  schemas: new AttioSchemaCache(),
  objectSlugs: new ObjectSlugCache(),
  attioFor: (accessToken: string, workspaceId: string) =>
    attioReadPortOf(createAttioClient({ apiUrl: environment[ENV.attioApiUrl], accessToken, beforeRequest: budgets.attioBeforeRequest(workspaceId) })),
  partneroFor: (apiKey: string, programId: string) =>
    createPartneroClient({ apiUrl: environment[ENV.partneroApiUrl], apiKey, beforeRequest: budgets.partneroBeforeRequest(programId) }),
  breaker: new RecordCircuitBreaker(new CircuitBreakerRepository(table), circuitBreakerPolicyFrom(), 'attio-to-partnero'),
};

function workerFor(maxReceiveCount: number) {
  return createQueueWorker(
    {
      direction: 'attio-to-partnero',
      startBatch: (messages) => new AttioEventBatch(messages),
      processMessage: (message, batch) => processAttioMessage(message, batch, dependencies),
    },
    { sqs, audit: new AuditLog(table), queueUrl, deadLetterQueueUrl: environment[ENV.attioToPartneroDeadLetterQueueUrl], maxReceiveCount, deadLetters: new DeadLetterRecords(table) },
  );
}

let worker: Promise<ReturnType<typeof workerFor>> | undefined;

/**
 * The Attio -> Partnero worker: a won deal pays its commission once, people update customers.
 * The queue's own maxReceiveCount is read once per container (at the first batch, so a failed
 * read is retried with the batch rather than breaking the container).
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  worker ??= maxReceiveCountOf(sqs, queueUrl)
    .then(workerFor)
    .catch((error: unknown) => {
      worker = undefined;
      throw error;
    });
  return (await worker)(event, context);
}
