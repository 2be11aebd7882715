/**
 * Benchmark: no noisy neighbour. Program A's Attio workspace is flooded (F partner changes at
 * once, Attio limited to L writes/s per workspace); meanwhile program B makes a handful of
 * changes, a few rounds of them. B's latency (change made in Partnero -> the person is in its
 * Attio workspace) is measured alone first, on the same stack: that is the floor. Target: B's
 * latency during the flood within 1.5x of the floor; nothing lost (every partner of A and B is
 * one person in Attio, the dead-letter queue is empty), nothing duplicated (no more people
 * than partners). Beside the latency, B's queue dwell (SQS send -> the worker's receive, seen at
 * the SQS proxy): the part of the latency that fairness decides. The rest is work, and here all
 * of it shares one process's CPU with A's, which in AWS runs in its own Lambda.
 * Run: npm run bench:fairness [-- --flood 1500 --handful 5 --rounds 5 --limit 25]
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_CONCURRENCY } from '../lib/stage-config';
import { localCredentials, LOCAL_REGION } from '../local/aws/local-credentials';
import { LANES_PER_PROGRAM } from '../shared/queue/sync-queues';
import { inBenchWorld, type BenchWorld } from './support/bench-world';
import type { Exchange } from './support/observing-proxy';
import { connectPartneroToAttio, type PartneroToAttioProgram } from './support/connect-programs';
import { isSmoke, percentile, report, round, type BenchRow } from './support/report';

const { values } = parseArgs({
  options: {
    flood: { type: 'string', default: '1500' },
    handful: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    limit: { type: 'string', default: '25' },
    smoke: { type: 'boolean' },
  },
});
const floodSize = isSmoke ? 20 : Number(values.flood);
const handful = isSmoke ? 2 : Number(values.handful);
const rounds = isSmoke ? 1 : Number(values.rounds);
const writeLimit = isSmoke ? 20 : Number(values.limit);
const TARGET_RATIO = 1.5;

let nextPartner = 0;
/** Partners created per program: what its Attio workspace must hold in the end, no more, no less. */
const created = new Map<string, number>();

function createPartners(world: BenchWorld, program: PartneroToAttioProgram, count: number): void {
  created.set(program.programId, (created.get(program.programId) ?? 0) + count);
  for (let index = 0; index < count; index += 1) {
    nextPartner += 1;
    world.partnero.control.partners.create(program.programId, {
      email: `p${nextPartner}@${program.programId}.test`,
      name: 'Pat',
      surname: `Partner ${nextPartner}`,
    });
  }
}

function peopleOf(world: BenchWorld, program: PartneroToAttioProgram): number {
  return world.attio.control.records('people', program.workspaceId).length;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One round of B: a handful of partners created at once; ms until the last of them is a person in B's workspace. */
async function roundOf(world: BenchWorld, program: PartneroToAttioProgram): Promise<number> {
  const expected = peopleOf(world, program) + handful;
  const started = performance.now();
  createPartners(world, program, handful);
  await until(() => peopleOf(world, program) >= expected, 120_000, `program ${program.programId}'s round`);
  return performance.now() - started;
}

async function roundsAlone(world: BenchWorld, program: PartneroToAttioProgram): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < rounds; index += 1) {
    latencies.push(await roundOf(world, program));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return latencies;
}

/** When each message of a program was sent to and first received from the sync queue, by delivery key. */
class QueueDwellMeter {
  private readonly sent = new Map<string, number>();
  private readonly dwells = new Map<string, number>();

  constructor(
    world: BenchWorld,
    private readonly programId: string,
  ) {
    world.proxies.sqs.onExchange((exchange) => this.observe(exchange));
  }

  /** Dwell in ms of the messages first received from `since` on. */
  dwellsSince(since: number): number[] {
    return [...this.dwells.entries()].filter(([key]) => (this.sent.get(key) ?? 0) >= since).map(([, dwell]) => dwell);
  }

  private observe(exchange: Exchange): void {
    const target = String(exchange.requestHeaders['x-amz-target'] ?? '');
    if (target.endsWith('.SendMessageBatch') || target.endsWith('.SendMessage')) {
      const request = JSON.parse(exchange.requestBody.toString()) as {
        MessageBody?: string;
        Entries?: { MessageBody: string }[];
      };
      for (const body of request.Entries?.map((entry) => entry.MessageBody) ?? [request.MessageBody ?? '']) {
        const key = this.keyOf(body);
        if (key && !this.sent.has(key)) this.sent.set(key, exchange.endedAt);
      }
    } else if (target.endsWith('.ReceiveMessage') && exchange.status === 200) {
      const answer = JSON.parse(exchange.responseBody.toString() || '{}') as { Messages?: { Body: string }[] };
      for (const message of answer.Messages ?? []) {
        const key = this.keyOf(message.Body);
        const sentAt = key ? this.sent.get(key) : undefined;
        if (key && sentAt !== undefined && !this.dwells.has(key)) this.dwells.set(key, exchange.endedAt - sentAt);
      }
    }
  }

  private keyOf(body: string): string | undefined {
    try {
      const message = JSON.parse(body) as { programId?: string; deliveryKey?: string };
      return message.programId === this.programId ? message.deliveryKey : undefined;
    } catch {
      return undefined;
    }
  }
}

async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

function latencyRow(
  run: string,
  latencies: number[],
  floorMs: number,
  dwells: number[],
  dwellFloorMs: number,
): BenchRow {
  const sorted = [...latencies].sort((a, b) => a - b);
  const sortedDwells = [...dwells].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  return {
    run,
    rounds: latencies.length,
    'p50 ms': round(p50, 0),
    'max ms': round(sorted[sorted.length - 1] ?? Number.NaN, 0),
    'floor (alone) p50 ms': round(floorMs, 0),
    'p50 / floor': round(p50 / floorMs, 2),
    target: `<= ${TARGET_RATIO}`,
    'queue dwell p50 ms': round(percentile(sortedDwells, 0.5), 0),
    'dwell max ms': round(sortedDwells[sortedDwells.length - 1] ?? Number.NaN, 0),
    'dwell p50 / alone': round(percentile(sortedDwells, 0.5) / dwellFloorMs, 2),
  };
}

async function main(): Promise<void> {
  await inBenchWorld({}, async (world) => {
    const sqs = new SQSClient({
      endpoint: world.stack.sqsEndpoint,
      region: LOCAL_REGION,
      credentials: localCredentials,
    });
    const queues = world.stack.resources.queues['partnero-to-attio'];
    const throttled = new Map<string, number>();
    world.proxies.attio.onExchange((exchange) => {
      if (exchange.status !== 429) return;
      const token = String(exchange.requestHeaders.authorization ?? '');
      throttled.set(token, (throttled.get(token) ?? 0) + 1);
    });
    world.attio.control.setRateLimits({ readsPerSecond: 100, writesPerSecond: writeLimit });
    // Partnero retries for longer than the bench world's default: the flood's 1,500 deliveries at
    // once queue up in the one local process, and a delivery given up on would be lost at the edge.
    world.partnero.control.configureDeliveries({
      retryDelaysMs: [500, 1_000, 2_000, 5_000, 10_000, 20_000],
      timeoutMs: 10_000,
    });
    const flooded = await connectPartneroToAttio(world);
    const neighbour = await connectPartneroToAttio(world);
    const dwell = new QueueDwellMeter(world, neighbour.programId);

    // Warm both programs' paths (module caches, schema reads) before anything is timed.
    createPartners(world, flooded, 1);
    await roundOf(world, neighbour);
    await world.settle();

    const aloneFrom = performance.now();
    const alone = await roundsAlone(world, neighbour);
    const aloneDwells = dwell.dwellsSince(aloneFrom);
    const floorMs = percentile(
      [...alone].sort((a, b) => a - b),
      0.5,
    );
    const dwellFloorMs = percentile(
      [...aloneDwells].sort((a, b) => a - b),
      0.5,
    );

    const floodStarted = performance.now();
    createPartners(world, flooded, floodSize);
    // B's rounds run for as long as the flood lasts (its webhooks arriving, then its backlog
    // draining); a round counts if more than a tenth of the flood was still to apply when it ended.
    const floodPending = () => floodSize + 1 - peopleOf(world, flooded);
    const during: number[] = [];
    const backlogs: number[] = [];
    const duringFrom = performance.now();
    while (floodPending() > floodSize / 10) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const backlog = await queueDepth(sqs, queues.url);
      const latency = await roundOf(world, neighbour);
      if (floodPending() <= floodSize / 10) break;
      during.push(latency);
      backlogs.push(backlog);
    }
    const duringDwells = dwell.dwellsSince(duringFrom);
    const roundsDuring = during.length;
    await world.settle(Math.max(120_000, (floodSize / writeLimit) * 4_000));
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    const dlq = Number(
      (
        await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queues.deadLetterUrl,
            AttributeNames: ['ApproximateNumberOfMessages'],
          }),
        )
      ).Attributes?.ApproximateNumberOfMessages ?? 0,
    );
    sqs.destroy();

    const floodExpected = created.get(flooded.programId) ?? 0;
    const neighbourExpected = created.get(neighbour.programId) ?? 0;
    const rows: BenchRow[] = [
      latencyRow(`B alone: ${handful} changes per round`, alone, floorMs, aloneDwells, dwellFloorMs),
      latencyRow(
        `B while A is flooded (${floodSize} changes, ${writeLimit} writes/s)`,
        during,
        floorMs,
        duringDwells,
        dwellFloorMs,
      ),
    ];
    report(
      'fairness',
      rows,
      {
        flood: floodSize,
        handful,
        rounds,
        writeLimitPerSecond: writeLimit,
        workerConcurrency: DEFAULT_MAX_CONCURRENCY['partnero-to-attio'],
        lanesPerProgram: LANES_PER_PROGRAM,
        target: `B's p50 during the flood <= ${TARGET_RATIO} x B alone; nothing lost or duplicated`,
        columns:
          "latency: a round of B created in Partnero -> its last person in Attio; queue dwell: SQS send -> first receive of each of B's messages",
        roundsDuringFlood: roundsDuring,
        floodQueueDepthBeforeEachRound: backlogs,
        floodDrainedSeconds: round(floodSeconds, 1),
        floodIdealSeconds: round(floodSize / writeLimit, 1),
        flooded429s: throttled.get(`Bearer ${flooded.attioToken}`) ?? 0,
        neighbour429s: throttled.get(`Bearer ${neighbour.attioToken}`) ?? 0,
        floodSynced: `${peopleOf(world, flooded)}/${floodExpected}`,
        neighbourSynced: `${peopleOf(world, neighbour)}/${neighbourExpected}`,
        deadLettered: dlq,
        deliveriesPartneroGaveUpOn: world.partnero.control
          .deliveries()
          .filter((delivery) => delivery.state === 'failed').length,
        method:
          'partners created in the Partnero simulator; its webhooks drive the real route, queue and ' +
          'worker; latency until the Attio simulator holds the last person of the round',
      },
      { smoke: isSmoke },
    );
    console.log(
      `flood: ${roundsDuring} rounds of B while it lasted, queue depth before them ${backlogs.join(', ')}; drained in ${round(floodSeconds, 1)} s ` +
        `(ideal ${round(floodSize / writeLimit, 1)} s); synced A ` +
        `${peopleOf(world, flooded)}/${floodExpected}, B ` +
        `${peopleOf(world, neighbour)}/${neighbourExpected}; dead-lettered ${dlq}`,
    );
    if (peopleOf(world, flooded) !== floodExpected || peopleOf(world, neighbour) !== neighbourExpected || dlq !== 0) {
      throw new Error('changes were lost or duplicated');
    }
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
