/**
 * Benchmark: scale. P registered programs (5,000), each connected to its own Attio workspace;
 * changes offered at R per second (50) for D seconds, each a partner created in a program
 * picked at random; every DynamoDB call delayed by 10 ms and every provider call by 150 ms at
 * the proxies (the local emulators answer in about a millisecond, AWS and the providers do not).
 *
 * Programs share Attio workspaces 50 to one (setting up 5,000 workspaces would take the
 * benchmark's time): the offered rate is still 0.5 writes/s per workspace at most on average.
 *
 * Reports the sustained rate beside the offered one, the backlog (sync queue depth, sampled each
 * second) and the Lambda concurrency the load needed (worker batches in flight, sampled every
 * 100 ms), beside its floors: the provider limits (P workspaces x 25 writes/s, so the offered
 * rate is the ceiling) and Little's law (rate x the injected latency one change waits through,
 * from the calls counted per change). Nothing lost: every change is a person in Attio, the
 * dead-letter queue is empty. Run: npm run bench:scale [-- --programs 5000 --rate 50 --seconds 60]
 *
 * The service (HTTP API, pollers, handlers) runs in a child process of its own; the simulators,
 * the latency proxies and this load stay here, so the service's CPU and event loop are its own
 * and both are reported. On one machine every Lambda container still shares that one process,
 * where in AWS each has its own CPU: when its loop is busy all the time, that is the bound
 * measured, not the design. `--one-process` runs everything in one process, as before.
 * The last row says whether the run met the target (see `verdict`).
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_CONCURRENCY } from '../lib/stage-config';
import { localCredentials, LOCAL_REGION } from '../local/aws/local-credentials';
import { processUsage, usageBetween } from './support/bench-stack';
import { inBenchWorld, type BenchWorld } from './support/bench-world';
import {
  connectPartneroToAttio,
  syncWorkspace,
  type PartneroToAttioProgram,
  type SyncWorkspace,
} from './support/connect-programs';
import { isSmoke, percentile, report, round, type BenchRow } from './support/report';

const { values } = parseArgs({
  options: {
    programs: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    'dynamodb-ms': { type: 'string', default: '10' },
    'provider-ms': { type: 'string', default: '150' },
    'one-process': { type: 'boolean' },
    smoke: { type: 'boolean' },
  },
});
const programCount = isSmoke ? 20 : Number(values.programs);
const rate = isSmoke ? 10 : Number(values.rate);
const seconds = isSmoke ? 3 : Number(values.seconds);
const dynamoDbMs = Number(values['dynamodb-ms']);
const providerMs = Number(values['provider-ms']);
/** The service shares the benchmark's process, as before the service ran apart: to compare the two. */
const oneProcess = values['one-process'] === true;
/** A bounded backlog is gone soon after the offer stops: the 25/s run drained in under a second. */
const DRAIN_WITHIN_SECONDS = 10;
/** Attio's documented write limit per workspace. */
const ATTIO_WRITES_PER_SECOND = 25;

/** Programs per Attio workspace: 50 changes/s over 100 workspaces is 0.5 writes/s each, far below Attio's 25. */
const PROGRAMS_PER_WORKSPACE = isSmoke ? 1 : 50;

async function connectMany(world: BenchWorld, count: number): Promise<PartneroToAttioProgram[]> {
  const programs: PartneroToAttioProgram[] = [];
  const workspaces: SyncWorkspace[] = [];
  for (let index = 0; index < Math.ceil(count / PROGRAMS_PER_WORKSPACE); index += 1)
    workspaces.push(await syncWorkspace(world, `scale-${index}`));
  const started = performance.now();
  // A few at a time: connecting is setup, not what is measured.
  for (let index = 0; index < count; index += 20) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(20, count - index) }, (_, offset) =>
        connectPartneroToAttio(world, undefined, workspaces[Math.floor((index + offset) / PROGRAMS_PER_WORKSPACE)]),
      ),
    );
    programs.push(...chunk);
    if (!isSmoke && programs.length % 500 === 0)
      console.log(`${programs.length} programs connected (${round((performance.now() - started) / 1000, 0)} s)`);
  }
  return programs;
}

/** Counts calls per service from the moment it is reset. */
class CallCounter {
  dynamoDb = 0;
  providers = 0;
  readonly attioWrites: number[] = [];
  private readonly failures = new Map<string, number>();

  constructor(world: BenchWorld) {
    for (const [name, proxy] of Object.entries(world.proxies))
      proxy.onForwardFailure((failure) => {
        const key = `${name} ${failure.code}`;
        this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      });
    world.proxies.dynamoDb.onExchange(() => (this.dynamoDb += 1));
    world.proxies.partnero.onExchange(() => (this.providers += 1));
    world.proxies.attio.onExchange((exchange) => {
      this.providers += 1;
      if (exchange.method !== 'GET' && exchange.status < 300 && exchange.path.startsWith('/v2/objects/people/records'))
        this.attioWrites.push(exchange.endedAt);
    });
  }

  reset(): void {
    this.dynamoDb = 0;
    this.providers = 0;
    this.attioWrites.length = 0;
    this.failures.clear();
  }

  /** E.g. `0`, or `3 (partnero ECONNRESET 3)`. */
  forwardFailures(): string {
    const total = [...this.failures.values()].reduce((sum, count) => sum + count, 0);
    if (total === 0) return '0';
    return `${total} (${[...this.failures].map(([key, count]) => `${key} ${count}`).join(', ')})`;
  }
}

function sustainedRate(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length < 3) return Number.NaN;
  const from = Math.floor(sorted.length * 0.1);
  const to = Math.ceil(sorted.length * 0.9) - 1;
  const span = ((sorted[to] as number) - (sorted[from] as number)) / 1000;
  return span > 0 ? (to - from) / span : Number.NaN;
}

/** Each offered change's email, and each Attio person's: what was lost and what was written twice. */
function offeredEmail(index: number, program: PartneroToAttioProgram): string {
  return `s${index}@${program.programId}.test`;
}

function emailsOf(person: Record<string, unknown>): string[] {
  const values = person.values as Record<string, { email_address?: string }[] | undefined> | undefined;
  return (values?.email_addresses ?? []).flatMap((value) => (value.email_address ? [value.email_address] : []));
}

/** Machine-wide busy share of all cores, from the kernel's counters (`os.cpus()`), between two readings. */
function machineTimes(): { busy: number; total: number } {
  return cpus().reduce(
    (sum, cpu) => {
      const { idle, ...busy } = cpu.times;
      const busyMs = Object.values(busy).reduce((a, b) => a + b, 0);
      return { busy: sum.busy + busyMs, total: sum.total + busyMs + idle };
    },
    { busy: 0, total: 0 },
  );
}

async function main(): Promise<void> {
  // A visibility timeout nearer the deployed one (6 x the function timeout) than the bench world's 5 s: at
  // 150 ms per provider call a throttled batch outlasts 5 s and would be received again while it still runs.
  await inBenchWorld({ visibilityTimeoutSeconds: 30, serviceInChildProcess: !oneProcess }, async (world) => {
    const sqs = new SQSClient({
      endpoint: world.stack.sqsEndpoint,
      region: LOCAL_REGION,
      credentials: localCredentials,
    });
    const queue = world.stack.resources.queues['partnero-to-attio'];
    await world.stack.workerStats('partnero-to-attio'); // throws when the worker is not running
    world.attio.control.setRateLimits({ readsPerSecond: 100, writesPerSecond: ATTIO_WRITES_PER_SECOND });
    const programs = await connectMany(world, programCount);
    const counter = new CallCounter(world);
    // Warm the worker's per-container caches once, as a running Lambda fleet has them.
    world.partnero.control.partners.create((programs[0] as PartneroToAttioProgram).programId, {
      email: 'warm@example.test',
      name: 'Warm',
      surname: 'Up',
    });
    await world.settle();

    world.proxies.dynamoDb.setLatency(dynamoDbMs);
    world.proxies.attio.setLatency(providerMs);
    world.proxies.partnero.setLatency(providerMs);
    counter.reset();

    const concurrency = await world.stack.sampleConcurrency('partnero-to-attio', 100);
    const backlogSamples: { at: number; depth: number }[] = [];
    let sampling = true;
    const backlogSampler = (async () => {
      while (sampling) {
        const attributes = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queue.url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        backlogSamples.push({
          at: performance.now(),
          depth:
            Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
            Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
        });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })();

    const total = Math.round(rate * seconds);
    const offered: string[] = [];
    const serviceBefore = await world.stack.usage();
    const benchBefore = processUsage();
    const machineBefore = machineTimes();
    const started = performance.now();
    for (let index = 0; index < total; index += 1) {
      const wait = started + (index * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const program = programs[Math.floor(Math.random() * programs.length)] as PartneroToAttioProgram;
      offered.push(offeredEmail(index, program));
      world.partnero.control.partners.create(program.programId, {
        email: offeredEmail(index, program),
        name: 'Sam',
        surname: `Scale ${index}`,
      });
    }
    const offeredSeconds = (performance.now() - started) / 1000;
    // CPU over the offer, while the load is steady (the drain after it is the backlog's, if any).
    const serviceUsage = usageBetween(serviceBefore, await world.stack.usage(), offeredSeconds);
    const benchUsage = usageBetween(benchBefore, processUsage(), offeredSeconds);
    const machineAfter = machineTimes();
    const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
    const backlogAtEndOfOffer = backlogSamples[backlogSamples.length - 1]?.depth ?? 0;
    let drained = true;
    await world.settle(Math.max(120_000, seconds * 4_000)).catch((error: unknown) => {
      drained = false;
      console.error(error);
    });
    const drainedSeconds = (performance.now() - started) / 1000;
    const { samples: concurrencySamples, peak: peakConcurrency } = await concurrency.stop();
    sampling = false;
    await backlogSampler;

    const dlq = Number(
      (
        await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queue.deadLetterUrl,
            AttributeNames: ['ApproximateNumberOfMessages'],
          }),
        )
      ).Attributes?.ApproximateNumberOfMessages ?? 0,
    );
    sqs.destroy();
    const workspaceIds = [...new Set(programs.map((program) => program.workspaceId))];
    const written = new Map<string, number>();
    for (const workspaceId of workspaceIds) {
      for (const person of world.attio.control.records('people', workspaceId))
        for (const email of emailsOf(person)) written.set(email, (written.get(email) ?? 0) + 1);
    }
    const synced = offered.filter((email) => written.has(email)).length;
    const duplicated = offered.filter((email) => (written.get(email) ?? 0) > 1).length;

    const sustained = sustainedRate(counter.attioWrites);
    const offeredRate = total / offeredSeconds;
    const providerCeiling = workspaceIds.length * ATTIO_WRITES_PER_SECOND;
    const rateFloor = Math.min(rate, providerCeiling);
    const injectedSecondsPerChange =
      ((counter.dynamoDb / total) * dynamoDbMs + (counter.providers / total) * providerMs) / 1000;
    const inFlightFloor = rate * injectedSecondsPerChange;
    const sortedConcurrency = [...concurrencySamples].sort((a, b) => a - b);
    const meanConcurrency =
      concurrencySamples.reduce((sum, value) => sum + value, 0) / Math.max(1, concurrencySamples.length);
    const offering = backlogSamples.filter((sample) => sample.at - started <= offeredSeconds * 1000);
    const half = (from: number, to: number) => {
      const part = offering.slice(Math.floor(offering.length * from), Math.ceil(offering.length * to));
      return part.reduce((sum, sample) => sum + sample.depth, 0) / Math.max(1, part.length);
    };
    const drainSeconds = drainedSeconds - offeredSeconds;

    // The target, judged in the run: keeps pace with the offer, a backlog that neither grows nor
    // outlasts the offer by long, and every change written once, none dead-lettered.
    const verdict = [
      ['sustained >= 98% of the rate offered', sustained >= 0.98 * offeredRate],
      ['backlog bounded (2nd half of offer <= 1st half + 10)', half(0.5, 1) <= half(0, 0.5) + 10],
      [`drained within ${DRAIN_WITHIN_SECONDS} s of the offer's end`, drained && drainSeconds <= DRAIN_WITHIN_SECONDS],
      ['nothing lost, duplicated or dead-lettered', synced === total && duplicated === 0 && dlq === 0],
    ] as const;
    const missed = verdict.filter(([, met]) => !met).map(([criterion]) => criterion);

    const rows: BenchRow[] = [
      {
        figure: 'sustained changes/s',
        measured: round(sustained, 1),
        floor: round(rateFloor, 1),
        'measured / floor': round(sustained / rateFloor, 2),
        'floor is': `offered rate (${round(offeredRate, 1)}/s achieved; provider ceiling ${providerCeiling}/s)`,
      },
      {
        figure: 'backlog, mean of 1st half of offer',
        measured: round(half(0, 0.5), 1),
        floor: 0,
        'measured / floor': '-',
        'floor is': 'an idle queue',
      },
      {
        figure: 'backlog, mean of 2nd half of offer',
        measured: round(half(0.5, 1), 1),
        floor: 0,
        'measured / floor': '-',
        'floor is': 'bounded: not above the 1st half',
      },
      {
        figure: 'backlog at end of offer / max',
        measured: `${backlogAtEndOfOffer} / ${Math.max(0, ...backlogSamples.map((sample) => sample.depth))}`,
        floor: 0,
        'measured / floor': '-',
        'floor is': 'an idle queue',
      },
      {
        figure: 'drained after offer s',
        measured: drained ? round(drainSeconds, 1) : `not within ${round(drainSeconds, 0)}`,
        floor: 0,
        'measured / floor': '-',
        'floor is': '-',
      },
      {
        figure: 'Lambda concurrency mean / p99 / peak',
        measured: `${round(meanConcurrency, 1)} / ${percentile(sortedConcurrency, 0.99)} / ${peakConcurrency}`,
        floor: round(inFlightFloor, 1),
        'measured / floor': round(meanConcurrency / inFlightFloor, 2),
        'floor is': `Little's law: ${rate}/s x ${round(injectedSecondsPerChange, 2)} s injected per change (one change per batch)`,
      },
      {
        figure: 'calls per change: DynamoDB / provider',
        measured: `${round(counter.dynamoDb / total, 1)} / ${round(counter.providers / total, 1)}`,
        floor: '-',
        'measured / floor': '-',
        'floor is': '-',
      },
      {
        figure: 'CPU, cores: service process / bench process / machine',
        measured: `${round(serviceUsage.cores, 2)} / ${round(benchUsage.cores, 2)} / ${round(machineBusy * cpus().length, 2)}`,
        floor: '-',
        'measured / floor': '-',
        'floor is': `of ${cpus().length} cores, during the offer; ${oneProcess ? 'one process hosts all' : 'the service alone in its process'}`,
      },
      {
        figure: "service process's event loop busy",
        measured: `${round(serviceUsage.loopBusy * 100, 0)}%`,
        floor: '-',
        'measured / floor': '-',
        'floor is': '100% is the bound of one process',
      },
      {
        figure: 'synced / offered, duplicated, dead-lettered',
        measured: `${synced}/${total}, ${duplicated}, ${dlq}`,
        floor: `${total}/${total}, 0, 0`,
        'measured / floor': '-',
        'floor is': 'nothing lost',
      },
      {
        figure: 'bench proxies that could not forward',
        measured: counter.forwardFailures(),
        floor: 0,
        'measured / floor': '-',
        'floor is': "the bench's own failures (a 502 to the service)",
      },
      {
        figure: `target (${rate}/s across ${programCount} programs)`,
        measured: missed.length === 0 ? 'met' : 'missed',
        floor: '-',
        'measured / floor': '-',
        'floor is':
          missed.length === 0 ? verdict.map(([criterion]) => criterion).join('; ') : `missed: ${missed.join('; ')}`,
      },
    ];
    report(
      'scale',
      rows,
      {
        programs: programCount,
        programsPerWorkspace: PROGRAMS_PER_WORKSPACE,
        ratePerSecond: rate,
        seconds,
        injectedLatencyMs: { dynamoDb: dynamoDbMs, provider: providerMs },
        maxConcurrency: DEFAULT_MAX_CONCURRENCY['partnero-to-attio'],
        serviceProcess: oneProcess ? 'shared with the simulators, proxies and load' : 'its own',
        method:
          'partners created in random programs in the Partnero simulator at a fixed rate; webhooks ' +
          'drive the real route, queue and worker; writes counted at the Attio proxy; latency added ' +
          'at the DynamoDB and provider proxies; the service (HTTP API, pollers, handlers) runs in a ' +
          'child process of its own unless --one-process',
      },
      { smoke: isSmoke },
    );
    if (synced !== total || duplicated > 0) throw new Error('changes were lost or duplicated');
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
