import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { join, sep } from 'node:path';
import { startEventSourceMapping, type RunningEventSourceMapping } from '../../../local/event-source-mapping';
import { localCredentials, LOCAL_REGION } from '../../../local/aws/local-credentials';
import { startLocalStack } from '../../../local/local-stack';
import { ENV } from '../../../shared/config/environment-names';
import { localAwsEndpoints } from '../../support/local-aws-clients';
import { startRecordingProxy, type RecordingProxy } from '../contract/recording-proxy';
import {
  auditOf,
  connectProgram,
  startSyncSimulators,
  syncWorldAround,
  syncWorldTokenKey,
  type SyncWorld,
} from '../partnero-to-attio/sync-world';

/**
 * One program pushed well over its Attio workspace's write budget (25/s, as Attio documents
 * and the simulator enforces): the real route, queue and Partnero -> Attio worker, with a
 * recording proxy in front of Attio that counts its 429s, and the handler timed per batch.
 */
const writesPerSecond = 2;
const serviceCode = ['shared', 'functions'].map((folder) => `${join(__dirname, '../../..', folder)}${sep}`);

describe('a program over its Attio budget', () => {
  let world: SyncWorld;
  let proxy: RecordingProxy;
  let worker: RunningEventSourceMapping;
  let sqs: SQSClient;
  /** Timers the service's own code (shared/, functions/) set while handling batches: a sleep would be one. */
  const serviceTimers: number[] = [];

  beforeAll(async () => {
    const [partnero, attio] = await startSyncSimulators();
    proxy = await startRecordingProxy(attio.url);
    const stack = await startLocalStack({
      ...localAwsEndpoints(),
      attioApiUrl: proxy.url,
      attioAppUrl: attio.url,
      partneroApiUrl: partnero.url,
      // Attio at 2 writes/s, so that the budget binds even on a slow shared machine; Partnero's out of the way.
      environment: {
        [ENV.localTokenKey]: syncWorldTokenKey,
        [ENV.attioWritesPerSecond]: String(writesPerSecond),
        [ENV.partneroRequestsPerSecond]: '1000',
      },
      visibilityTimeoutSeconds: 5,
      maxReceiveCount: 3,
      startWorkers: false,
    });
    const handler =
      await stack.loadHandler<(event: SQSEvent, context: Context) => Promise<SQSBatchResponse>>(
        'partnero-to-attio-worker',
      );
    sqs = new SQSClient({ endpoint: stack.sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
    const queue = stack.resources.queues['partnero-to-attio'];
    worker = startEventSourceMapping({
      sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      functionName: 'partnero-to-attio-worker',
      maxConcurrency: 4,
      handler,
    });
    world = syncWorldAround(
      { ...stack, waitUntilIdle: (timeoutMs) => worker.waitUntilIdle(timeoutMs) },
      partnero,
      attio,
      async () => {
        await worker.stop();
        await proxy.stop();
        sqs.destroy();
      },
    );
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('makes no 429 storm and no Lambda sleeps, and applies every change exactly once', async () => {
    // Prepare
    const program = await connectProgram(world);
    world.attio.control.setRateLimits({ readsPerSecond: 100, writesPerSecond });
    const partners = 20;
    const exchangesBefore = proxy.exchanges.length;
    const setTimer = global.setTimeout;
    const timers = jest.spyOn(global, 'setTimeout').mockImplementation(((
      callback: () => void,
      ms?: number,
      ...rest: unknown[]
    ) => {
      // The frame that called setTimeout (0 is the message, 1 this function): a library's own timeouts are not sleeps of ours.
      const caller = (new Error().stack ?? '').split('\n')[2] ?? '';
      if ((ms ?? 0) > 0 && serviceCode.some((folder) => caller.includes(folder))) serviceTimers.push(ms ?? 0);
      return setTimer(callback, ms, ...rest);
    }) as unknown as typeof setTimeout);

    // Act: every partner at once, far more writes than one second allows.
    for (let index = 0; index < partners; index += 1) {
      world.partnero.control.partners.create(program.programId, {
        email: `p${index}@${program.programId}.test`,
        name: 'Pat',
        surname: `Partner ${index}`,
      });
    }
    await world.partnero.control.flushDeliveries();
    await worker.waitUntilIdle(90_000);
    timers.mockRestore();

    // Assess
    const exchanges = proxy.exchanges.slice(exchangesBefore);
    const writes = exchanges.filter((exchange) => exchange.method !== 'GET' && !exchange.target.endsWith('/query'));
    const throttled = exchanges.filter((exchange) => exchange.status === 429);
    // The budget did bind: messages were put back until their slot.
    expect(worker.stats.messagesFailed).toBeGreaterThan(0);
    expect(writes.length).toBeGreaterThanOrEqual(partners);
    // Near zero: a call sent at the very end of a second can still land in Attio's next one (more so on a loaded machine).
    expect(throttled.length).toBeLessThanOrEqual(Math.max(3, Math.ceil(writes.length * 0.1)));
    // A sleep-and-retry (the clients' old 429 path) is a timer set by the service's code; none was.
    expect(serviceTimers).toEqual([]);

    const people = world.attio.control.records('people', program.workspaceId);
    expect(people).toHaveLength(partners);
    const applied = (await auditOf(world, program.programId)).filter(
      (entry) => entry.sourceEvent === 'partner.created' && entry.outcome === 'applied',
    );
    expect(applied).toHaveLength(partners);
    expect(new Set(applied.map((entry) => entry.sourceRecord)).size).toBe(partners);
  }, 120_000);
});
