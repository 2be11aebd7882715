import './quiet-powertools';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkDocumentClient } from '../../shared/aws/sdk-document-client';
import { randomBytes } from 'node:crypto';
import { localCredentials, LOCAL_REGION } from '../../local/aws/local-credentials';
import { benchAws } from './bench-aws';
import { startLocalStack, type LocalStackOptions } from '../../local/local-stack';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { LocalTokenCipher } from '../../shared/security/token-cipher';
import { startAttioSimulator, type AttioSimulator } from '../../simulators/attio';
import { startPartneroSimulator, type PartneroSimulator } from '../../simulators/partnero/partnero-simulator';
import { AwsUsageMeter, withConsumedCapacity } from './aws-usage';
import { inProcessStack, type BenchStack } from './bench-stack';
import { startStackInChildProcess } from './child-process-stack';
import { startObservingProxy, type ObservingProxy } from './observing-proxy';

/**
 * The real local stack with both simulators, where everything the service says to AWS, Attio
 * and Partnero, and everything the providers say to it, crosses an observing proxy:
 *
 *   Partnero sim ─webhook─▶ api proxy ─▶ local HTTP API ─▶ sqs proxy ─▶ fauxqs ◀─ sqs proxy ◀─ worker
 *                                              │                                                   │
 *                                      dynamodb proxy ─▶ DynamoDB Local ◀─ dynamodb proxy ◀────────┤
 *                                                                          attio proxy ─▶ Attio sim ◀┘
 *
 * One world per process: the handlers read their environment once per module load.
 */
export interface BenchWorld {
  readonly stack: BenchStack;
  readonly attio: AttioSimulator;
  readonly partnero: PartneroSimulator;
  /** Where providers deliver webhooks: the local API through its proxy. */
  readonly apiUrl: string;
  readonly proxies: {
    readonly api: ObservingProxy;
    readonly sqs: ObservingProxy;
    readonly dynamoDb: ObservingProxy;
    readonly attio: ObservingProxy;
    readonly partnero: ObservingProxy;
  };
  readonly usage: AwsUsageMeter;
  readonly programs: ProgramRepository;
  readonly cipher: LocalTokenCipher;
  /** Waits until providers delivered every webhook and both sync queues are drained, twice (work can chain). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface BenchWorldOptions {
  /** Concurrent batches per worker (the ESM's MaximumConcurrency); by default the stage config's, as deployed. */
  readonly workerConcurrency?: number;
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Run the service (HTTP API, pollers, handlers) in a child process of its own, apart from the
   * simulators, the proxies and the benchmark's load: for a benchmark bound by CPU (bench:scale).
   */
  readonly serviceInChildProcess?: boolean;
}

export async function startBenchWorld(options: BenchWorldOptions = {}): Promise<BenchWorld> {
  const ownAws = await benchAws();
  const { dynamoDbEndpoint, sqsEndpoint } = ownAws;
  const [partnero, attio] = await Promise.all([
    startPartneroSimulator({ deliveries: { retryDelaysMs: [200, 500, 1_000, 2_000], timeoutMs: 10_000 } }),
    startAttioSimulator({
      dealsEnabled: true,
      deliveries: { retryDelaysMs: [200, 500, 1_000, 2_000], timeoutMs: 10_000 },
    }),
  ]);
  const [dynamoDbProxy, sqsProxy, attioProxy, partneroProxy] = await Promise.all([
    startObservingProxy(dynamoDbEndpoint, { rewriteRequest: withConsumedCapacity }),
    startObservingProxy(sqsEndpoint),
    startObservingProxy(attio.url),
    startObservingProxy(partnero.url),
  ]);
  const tokenKey = randomBytes(32).toString('base64');
  const stackOptions: LocalStackOptions = {
    dynamoDbEndpoint: dynamoDbProxy.url,
    sqsEndpoint: sqsProxy.url,
    prefix: `bench-${randomBytes(3).toString('hex')}`,
    attioApiUrl: attioProxy.url,
    attioAppUrl: attio.url,
    partneroApiUrl: partneroProxy.url,
    environment: { LOCAL_TOKEN_ENCRYPTION_KEY: tokenKey },
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 5,
    maxReceiveCount: 5,
    workerConcurrency: options.workerConcurrency,
  };
  const stack = options.serviceInChildProcess
    ? await startStackInChildProcess(stackOptions)
    : inProcessStack(await startLocalStack(stackOptions));
  const apiProxy = await startObservingProxy(stack.apiUrl);
  const usage = new AwsUsageMeter({
    'partnero-to-attio': stack.resources.queues['partnero-to-attio'].url,
    'attio-to-partnero': stack.resources.queues['attio-to-partnero'].url,
  });
  usage.attach({ sqs: sqsProxy, dynamoDb: dynamoDbProxy, api: apiProxy });
  const raw = new DynamoDBClient({ endpoint: dynamoDbEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  const programs = new ProgramRepository({ client: sdkDocumentClient(raw), tableName: stack.resources.syncTableName });
  return {
    stack,
    attio,
    partnero,
    apiUrl: apiProxy.url,
    proxies: { api: apiProxy, sqs: sqsProxy, dynamoDb: dynamoDbProxy, attio: attioProxy, partnero: partneroProxy },
    usage,
    programs,
    cipher: new LocalTokenCipher(tokenKey),
    async settle(timeoutMs = 60_000) {
      for (let round = 0; round < 2; round += 1) {
        await Promise.all([partnero.control.flushDeliveries(), attio.control.flushDeliveries()]);
        await stack.waitUntilIdle(timeoutMs);
      }
    },
    async stop() {
      await stack.stop();
      await Promise.all([
        apiProxy.stop(),
        dynamoDbProxy.stop(),
        sqsProxy.stop(),
        attioProxy.stop(),
        partneroProxy.stop(),
      ]);
      await Promise.all([partnero.stop(), attio.stop()]);
      raw.destroy();
      await ownAws.stop();
    },
  };
}

/** Runs a benchmark's body in a world and always stops it, so no emulator outlives the run. */
export async function inBenchWorld(
  options: BenchWorldOptions,
  body: (world: BenchWorld) => Promise<void>,
): Promise<void> {
  const world = await startBenchWorld(options);
  try {
    await body(world);
  } finally {
    await world.stop();
  }
}
