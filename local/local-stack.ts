import { SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { httpFunctions, queueWorkers, scheduledFunctions } from '../functions/catalog';
import { ENV } from '../shared/config/environment-names';
import { DEFAULT_MAX_CONCURRENCY } from '../lib/stage-config';
import type { SyncDirection } from '../shared/queue/sync-queues';
import { localCredentials, LOCAL_REGION } from './aws/local-credentials';
import { startLocalAws, type LocalAws } from './aws/local-aws';
import { startEventSourceMapping, type RunningEventSourceMapping, type SqsHandler } from './event-source-mapping';
import { startHttpApi, type HttpApiHandler, type RunningHttpApi } from './http-api-gateway';
import { provisionLocalResources, type LocalResources } from './provision';
import { startScheduledFunctions, type RunningSchedules, type ScheduledHandler } from './scheduled-functions';

const projectRoot = join(__dirname, '..');

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
  /** Extra or overriding environment for the functions (secrets, keys). */
  readonly environment?: Record<string, string>;
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

async function startOnLocalAws(options: LocalStackOptions, dynamoDbEndpoint: string, sqsEndpoint: string, ownAws: LocalAws | undefined): Promise<LocalStack> {
  const prefix = options.prefix ?? `local-${randomBytes(3).toString('hex')}`;
  const resources = await provisionLocalResources({
    dynamoDbEndpoint,
    sqsEndpoint,
    prefix,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    maxReceiveCount: options.maxReceiveCount,
  });

  // The HTTP API must listen before the functions read PUBLIC_API_URL, so bind first and route later.
  const routeTable: Parameters<typeof startHttpApi>[0] = [];
  const api: RunningHttpApi = await startHttpApi(routeTable, { port: options.apiPort });

  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SQS: sqsEndpoint,
    [ENV.syncTableName]: resources.syncTableName,
    [ENV.partneroToAttioQueueUrl]: resources.queues['partnero-to-attio'].url,
    [ENV.attioToPartneroQueueUrl]: resources.queues['attio-to-partnero'].url,
    [ENV.partneroToAttioDeadLetterQueueUrl]: resources.queues['partnero-to-attio'].deadLetterUrl,
    [ENV.attioToPartneroDeadLetterQueueUrl]: resources.queues['attio-to-partnero'].deadLetterUrl,
    [ENV.attioApiUrl]: options.attioApiUrl,
    [ENV.attioAppUrl]: options.attioAppUrl,
    [ENV.partneroApiUrl]: options.partneroApiUrl,
    [ENV.publicApiUrl]: api.url,
    ...options.environment,
  });

  for (const definition of httpFunctions) {
    const handler = await loadHandler<HttpApiHandler>(definition.entry);
    for (const route of definition.routes) routeTable.push({ ...route, functionName: definition.name, handler });
  }

  const sqs = new SQSClient({ endpoint: sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  const workers: Partial<Record<SyncDirection, RunningEventSourceMapping>> = {};
  for (const definition of options.startWorkers === false ? [] : queueWorkers) {
    const queue = resources.queues[definition.direction];
    workers[definition.direction] = startEventSourceMapping({
      sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      functionName: definition.name,
      handler: await loadHandler<SqsHandler>(definition.entry),
      maxConcurrency: options.workerConcurrency ?? DEFAULT_MAX_CONCURRENCY[definition.direction],
      onInvocationError: (error) => console.error(`${definition.name}: invocation failed`, error),
    });
  }

  const schedules: RunningSchedules = startScheduledFunctions(
    await Promise.all(scheduledFunctions.map(async (definition) => ({ definition, handler: await loadHandler<ScheduledHandler>(definition.entry) }))),
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

async function loadHandler<Handler>(entry: string): Promise<Handler> {
  const loaded = (await import(join(projectRoot, entry))) as { handler?: Handler };
  if (typeof loaded.handler !== 'function') throw new Error(`${entry} does not export a handler`);
  return loaded.handler;
}
