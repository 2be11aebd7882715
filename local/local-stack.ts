import { SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as z from 'zod';
import {
  serviceFunctions,
  type FunctionDefinition,
  type HttpFunctionDefinition,
  type QueueWorkerDefinition,
  type ScheduledFunctionDefinition,
} from '../functions/catalog';
import {
  budgetEnvironmentShape,
  catalogVariables,
  environmentFor,
  type ServiceEndpoints,
} from '../shared/config/function-environment';
import {
  LOCAL_ATTIO_EVENT_WINDOW_SECONDS,
  MAX_ATTIO_EVENT_WINDOW_SECONDS,
} from '../shared/attio-to-partnero/attio-event-deduplication';
import { ENV } from '../shared/config/environment-names';
import { readEnvironment } from '../shared/config/read-environment';
import { auditRetentionDays } from '../shared/sync/audit-entry';
import { DEFAULT_MAX_CONCURRENCY } from '../lib/stage-config';
import type { SyncDirection } from '../shared/queue/sync-queues';
import { localCredentials, LOCAL_REGION } from './aws/local-credentials';
import { startLocalAws, type LocalAws } from './aws/local-aws';
import { startEventSourceMapping, type RunningEventSourceMapping, type SqsHandler } from './event-source-mapping';
import { startHttpApi, type HttpApiHandler, type RunningHttpApi } from './http-api-gateway';
import { provisionLocalResources, type LocalResources } from './provision';
import { startScheduledFunctions, type RunningSchedules, type ScheduledHandler } from './scheduled-functions';

const projectRoot = join(__dirname, '..');

/**
 * The local stage's Attio event window (and so the Attio -> Partnero queue's delay): 1 s unless
 * ATTIO_EVENT_WINDOW_SECONDS says otherwise, so that the tests and `npm start` stay quick.
 */
const localWindowSchema = z.object({
  [ENV.attioEventWindowSeconds]: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_ATTIO_EVENT_WINDOW_SECONDS)
    .default(LOCAL_ATTIO_EVENT_WINDOW_SECONDS),
});

export interface LocalStackOptions {
  /** Reuse running emulators (the jest globalSetup's); otherwise start our own. */
  readonly dynamoDbEndpoint?: string;
  readonly sqsEndpoint?: string;
  readonly prefix?: string;
  readonly apiPort?: number;
  /** Provider URLs; the simulators stand in for them. */
  readonly attioApiUrl: string;
  readonly attioAppUrl: string;
  readonly partneroApiUrl: string;
  /**
   * Environment every function shares: the local stand-ins for Secrets Manager and KMS, tuning
   * such as the circuit breaker's. Of the catalog's own variables only the stage settings are
   * read here (the provider budgets, the audit retention, the Attio event window); each function
   * gets those its entry needs.
   */
  readonly environment?: Record<string, string>;
  /** The functions to run; `functions/catalog.ts` unless a test runs another catalog. */
  readonly catalog?: readonly FunctionDefinition[];
  readonly visibilityTimeoutSeconds?: number;
  readonly maxReceiveCount?: number;
  /** Concurrent batches per worker; by default the stage config's, as deployed. */
  readonly workerConcurrency?: number;
  /** Off for benchmarks of the webhook routes alone; on otherwise. */
  readonly startWorkers?: boolean;
  /**
   * Run the catalog's scheduled functions (backfill runner, reconciliation) on their local timers.
   * Off by default, so tests decide when a job runs (`runScheduled`); `npm start` turns it on.
   */
  readonly scheduleTimers?: boolean;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly resources: LocalResources;
  readonly sqsEndpoint: string;
  readonly dynamoDbEndpoint: string;
  readonly workers: Partial<Record<SyncDirection, RunningEventSourceMapping>>;
  /**
   * Loads a function of the catalog with its own environment, as the stack loads those it runs:
   * for a test that drives a handler itself (e.g. a worker the stack was told not to start).
   */
  loadHandler<Handler>(name: string): Promise<Handler>;
  /** Invokes a scheduled function of the catalog once, now, as its EventBridge rule would. */
  runScheduled(name: string): Promise<unknown>;
  /** Resolves when both sync queues are drained and no worker batch is running. */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole service on 127.0.0.1: real DynamoDB Local and fauxqs, the HTTP API serving the
 * very handlers the CDK deploys, and one event source mapping per sync queue feeding the
 * workers. `npm start` and the integration tests both run exactly this.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  let ownAws: LocalAws | undefined;
  let dynamoDbEndpoint = options.dynamoDbEndpoint;
  let sqsEndpoint = options.sqsEndpoint;
  if (!dynamoDbEndpoint || !sqsEndpoint) {
    ownAws = await startLocalAws();
    dynamoDbEndpoint = ownAws.dynamoDbEndpoint;
    sqsEndpoint = ownAws.sqsEndpoint;
  }
  try {
    return await startOnLocalAws(options, dynamoDbEndpoint, sqsEndpoint, ownAws);
  } catch (error) {
    // E.g. the API port is taken: the emulators this call started must not outlive it.
    await ownAws?.stop();
    throw error;
  }
}

async function startOnLocalAws(
  options: LocalStackOptions,
  dynamoDbEndpoint: string,
  sqsEndpoint: string,
  ownAws: LocalAws | undefined,
): Promise<LocalStack> {
  const prefix = options.prefix ?? `local-${randomBytes(3).toString('hex')}`;
  // The stage's settings among the catalog's variables (read before anything is made or listens, so a bad one stops nothing half-started).
  const stage = { ...process.env, ...options.environment };
  const budgets = readEnvironment(z.object(budgetEnvironmentShape), stage);
  const retentionDays = auditRetentionDays(stage);
  const { [ENV.attioEventWindowSeconds]: attioEventWindowSeconds } = readEnvironment(localWindowSchema, stage);

  const resources = await provisionLocalResources({
    dynamoDbEndpoint,
    sqsEndpoint,
    prefix,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    maxReceiveCount: options.maxReceiveCount,
    attioEventWindowSeconds,
  });
  const shared = Object.fromEntries(
    Object.entries(options.environment ?? {}).filter(([name]) => !(catalogVariables as string[]).includes(name)),
  );

  // The HTTP API must listen before the functions read PUBLIC_API_URL, so bind first and route later.
  const routeTable: Parameters<typeof startHttpApi>[0] = [];
  const api: RunningHttpApi = await startHttpApi(routeTable, { port: options.apiPort });

  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SQS: sqsEndpoint,
    ...shared,
  });
  // What the CDK stack knows in AWS, as the local resources: each function's environment follows from it and its entry.
  const endpoints: ServiceEndpoints = {
    syncTableName: resources.syncTableName,
    queueUrls: {
      'partnero-to-attio': resources.queues['partnero-to-attio'].url,
      'attio-to-partnero': resources.queues['attio-to-partnero'].url,
    },
    deadLetterQueueUrls: {
      'partnero-to-attio': resources.queues['partnero-to-attio'].deadLetterUrl,
      'attio-to-partnero': resources.queues['attio-to-partnero'].deadLetterUrl,
    },
    publicApiUrl: api.url,
    attioApiUrl: options.attioApiUrl,
    attioAppUrl: options.attioAppUrl,
    partneroApiUrl: options.partneroApiUrl,
    auditRetentionDays: retentionDays,
    attioEventWindowSeconds,
    providerBudgets: {
      attioWritesPerSecond: budgets[ENV.attioWritesPerSecond],
      attioReadsPerSecond: budgets[ENV.attioReadsPerSecond],
      partneroRequestsPerSecond: budgets[ENV.partneroRequestsPerSecond],
    },
  };
  const fullCatalog = options.catalog ?? serviceFunctions;
  const catalog = fullCatalog.filter(
    (definition) => definition.kind !== 'queue-worker' || options.startWorkers !== false,
  );
  const handlers = new Map<string, unknown>();
  try {
    // One at a time: each init must see its own environment only.
    for (const definition of catalog)
      handlers.set(definition.name, await loadHandler(definition, environmentFor(definition, endpoints)));
  } catch (error) {
    await api.stop();
    throw error;
  }
  const handlerOf = <Handler>(definition: FunctionDefinition) => handlers.get(definition.name) as Handler;

  for (const definition of catalog.filter((entry): entry is HttpFunctionDefinition => entry.kind === 'http')) {
    for (const route of definition.routes)
      routeTable.push({ ...route, functionName: definition.name, handler: handlerOf<HttpApiHandler>(definition) });
  }

  const sqs = new SQSClient({ endpoint: sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  const workers: Partial<Record<SyncDirection, RunningEventSourceMapping>> = {};
  for (const definition of catalog.filter((entry): entry is QueueWorkerDefinition => entry.kind === 'queue-worker')) {
    const queue = resources.queues[definition.direction];
    workers[definition.direction] = startEventSourceMapping({
      sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      functionName: definition.name,
      handler: handlerOf<SqsHandler>(definition),
      maxConcurrency: options.workerConcurrency ?? DEFAULT_MAX_CONCURRENCY[definition.direction],
      onInvocationError: (error) => console.error(`${definition.name}: invocation failed`, error),
    });
  }

  const schedules: RunningSchedules = startScheduledFunctions(
    catalog
      .filter((entry): entry is ScheduledFunctionDefinition => entry.kind === 'scheduled')
      .map((definition) => ({ definition, handler: handlerOf<ScheduledHandler>(definition) })),
    options.scheduleTimers === true,
  );

  return {
    apiUrl: api.url,
    resources,
    sqsEndpoint,
    dynamoDbEndpoint,
    workers,
    async waitUntilIdle(timeoutMs = 30_000) {
      await Promise.all(Object.values(workers).map((worker) => worker.waitUntilIdle(timeoutMs)));
    },
    async loadHandler<Handler>(name: string) {
      const definition = fullCatalog.find((candidate) => candidate.name === name);
      if (!definition) throw new Error(`the catalog lists no function ${name}`);
      return (await loadHandler(definition, environmentFor(definition, endpoints))) as Handler;
    },
    runScheduled: (name) => schedules.run(name),
    async stop() {
      await schedules.stop();
      await Promise.all(Object.values(workers).map((worker) => worker.stop()));
      await api.stop();
      sqs.destroy();
      await ownAws?.stop();
    },
  };
}

/**
 * Loads a handler with its own environment in place of the catalog's variables, as its Lambda
 * has in AWS: its init reads those (the functions share this one process, so the variables are
 * put back afterwards). A variable its entry does not give is missing here as it is there, and
 * the function fails to start.
 */
async function loadHandler(definition: FunctionDefinition, environment: Record<string, string>): Promise<unknown> {
  const saved = catalogVariables.map((name) => [name, process.env[name]] as const);
  for (const name of catalogVariables) delete process.env[name];
  Object.assign(process.env, environment);
  try {
    const loaded = (await import(join(projectRoot, definition.entry))) as { handler?: unknown };
    if (typeof loaded.handler !== 'function') throw new Error(`${definition.entry} does not export a handler`);
    return loaded.handler;
  } catch (error) {
    throw new Error(`${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
