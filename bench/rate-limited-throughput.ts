/**
 * Benchmark 4: throughput under Attio's rate limit. N Partnero partner events for one program
 * against the Attio simulator limited to L writes/s per workspace: sustained writes/s as a
 * fraction of L (target >= 0.9), the 429s the service received, and nothing lost (every
 * partner is a person in Attio, the dead-letter queue is empty). Then 10 programs at once, one
 * busy and nine small, each with its own workspace and limit: per-program completion, to show
 * whether the busy one starves the others. Each run says what bound it: the provider limit (most
 * steady-state seconds at L, the budget putting messages back) or the worker (writes/s below L
 * with seconds to spare). The workers' Attio budget is set to L and Partnero's out of the way,
 * so that Attio's limit is the one measured. Run: npm run bench:rate-limited-throughput
 * [-- --events 10000 --limit 25 --offer-rate 200]
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_CONCURRENCY } from '../lib/stage-config';
import { localCredentials, LOCAL_REGION } from '../local/aws/local-credentials';
import { ENV } from '../shared/config/environment-names';
import { inBenchWorld, type BenchWorld } from './support/bench-world';
import { connectPartneroToAttio, type PartneroToAttioProgram } from './support/connect-programs';
import { isSmoke, report, round, type BenchRow } from './support/report';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '25' },
    'offer-rate': { type: 'string', default: '200' },
    smoke: { type: 'boolean' },
  },
});
const events = isSmoke ? 40 : Number(values.events);
const writeLimit = isSmoke ? 20 : Number(values.limit);
/** Partners created per second in Partnero: well above L, so a backlog builds and the limit binds. */
const offerRate = isSmoke ? 200 : Number(values['offer-rate']);
const busyEvents = isSmoke ? 20 : Math.round(events / 5);
const smallEvents = isSmoke ? 2 : Math.max(10, Math.round(events / 100));
/** A steady-state second with at least this share of L counts as one the provider limit bound. */
const SATURATED_SHARE = 0.9;

// Read by the workers when the stack loads them: the budget is Attio's limit L, Partnero's is not the one measured.
process.env[ENV.attioWritesPerSecond] = String(writeLimit);
process.env[ENV.partneroRequestsPerSecond] = '10000';

/** Successful writes and 429s per workspace, seen at the Attio proxy (token -> program). */
class AttioWriteMeter {
  readonly perProgram = new Map<string, { writes: number[]; throttled: number }>();
  private readonly programByToken = new Map<string, string>();

  constructor(world: BenchWorld) {
    world.proxies.attio.onExchange((exchange) => {
      if (exchange.method === 'GET') return;
      const token = String(exchange.requestHeaders.authorization ?? '').replace(/^Bearer /, '');
      const programId = this.programByToken.get(token);
      if (!programId) return;
      const counts = this.perProgram.get(programId) ?? { writes: [], throttled: 0 };
      if (exchange.status === 429) counts.throttled += 1;
      else if (exchange.status < 300) counts.writes.push(exchange.endedAt);
      this.perProgram.set(programId, counts);
    });
  }

  watch(program: PartneroToAttioProgram): void {
    this.programByToken.set(program.attioToken, program.programId);
  }
}

/** Creates partners at a fixed rate (so Partnero's webhooks arrive as a steady stream, not all at once). */
async function offer(
  world: BenchWorld,
  plan: { program: PartneroToAttioProgram; count: number }[],
): Promise<Map<string, number>> {
  const lastOffered = new Map<string, number>();
  const queue = plan.flatMap(({ program, count }) => Array.from({ length: count }, (_, index) => ({ program, index })));
  // Interleave programs so that no program's events are all offered before another's.
  queue.sort((a, b) => a.index / countOf(plan, a.program) - b.index / countOf(plan, b.program));
  const started = performance.now();
  for (let position = 0; position < queue.length; position += 1) {
    const due = started + (position * 1000) / offerRate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { program, index } = queue[position] as (typeof queue)[number];
    world.partnero.control.partners.create(program.programId, {
      email: `p${index}@${program.programId}.test`,
      name: 'Pat',
      surname: `Partner ${index}`,
    });
    lastOffered.set(program.programId, performance.now());
  }
  return lastOffered;
}

function countOf(plan: { program: PartneroToAttioProgram; count: number }[], program: PartneroToAttioProgram): number {
  return plan.find((entry) => entry.program === program)?.count ?? 1;
}

async function deadLetters(world: BenchWorld): Promise<number> {
  const sqs = new SQSClient({ endpoint: world.stack.sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: world.stack.resources.queues['partnero-to-attio'].deadLetterUrl,
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );
  sqs.destroy();
  return Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
}

function peopleOf(world: BenchWorld, program: PartneroToAttioProgram): number {
  return world.attio.control.records('people', program.workspaceId).length;
}

async function run(
  world: BenchWorld,
  meter: AttioWriteMeter,
  plan: { program: PartneroToAttioProgram; count: number; label: string }[],
) {
  const started = performance.now();
  const total = plan.reduce((sum, entry) => sum + entry.count, 0);
  const dlqBefore = await deadLetters(world);
  const putBackBefore = await putBack(world);
  const lastOffered = await offer(world, plan);
  await world.settle(Math.max(120_000, (total / writeLimit) * 3_000));
  const dlq = (await deadLetters(world)) - dlqBefore;
  const putBackInRun = (await putBack(world)) - putBackBefore;
  return plan.map(({ program, count, label }) => {
    const counts = meter.perProgram.get(program.programId) ?? { writes: [], throttled: 0 };
    const last = counts.writes[counts.writes.length - 1] ?? started;
    return {
      label,
      count,
      lastOfferedSeconds: ((lastOffered.get(program.programId) ?? started) - started) / 1000,
      completedSeconds: (last - started) / 1000,
      idealSeconds: count / writeLimit,
      writes: counts.writes.length,
      sustained: sustainedRate(counts.writes),
      saturatedSeconds: saturatedSeconds(counts.writes),
      throttled: counts.throttled,
      putBack: putBackInRun,
      synced: peopleOf(world, program),
      dlq,
    };
  });
}

/** Writes per second between the 10th and the 90th percentile write: the steady state, without ramp-up and tail. */
function sustainedRate(writeTimes: number[]): number {
  if (writeTimes.length < 3) return Number.NaN;
  const from = Math.floor(writeTimes.length * 0.1);
  const to = Math.ceil(writeTimes.length * 0.9) - 1;
  const seconds = ((writeTimes[to] as number) - (writeTimes[from] as number)) / 1000;
  return seconds > 0 ? (to - from) / seconds : Number.NaN;
}

/** Messages the worker gave back to the queue (budget spent, a 429, any retry): its batch item failures. */
async function putBack(world: BenchWorld): Promise<number> {
  return (await world.stack.workerStats('partnero-to-attio')).messagesFailed;
}

/** The share of whole steady-state seconds (10th-90th percentile writes) with at least SATURATED_SHARE x L writes. */
function saturatedSeconds(writeTimes: number[]): number {
  if (writeTimes.length < 3) return Number.NaN;
  const from = Math.floor(writeTimes.length * 0.1);
  const to = Math.ceil(writeTimes.length * 0.9) - 1;
  const perSecond = new Map<number, number>();
  for (const time of writeTimes.slice(from, to + 1))
    perSecond.set(Math.floor(time / 1000), (perSecond.get(Math.floor(time / 1000)) ?? 0) + 1);
  // The first and last seconds are partial.
  const whole = [...perSecond.entries()].sort(([a], [b]) => a - b).slice(1, -1);
  if (whole.length === 0) return Number.NaN;
  return whole.filter(([, count]) => count >= SATURATED_SHARE * writeLimit).length / whole.length;
}

/**
 * What bound a run: the provider limit when writes ran at L (or most seconds were at L), the
 * worker when they did not although the budget had room (nothing put back, no 429).
 */
function boundBy(result: Awaited<ReturnType<typeof run>>[number]): string {
  if (!Number.isFinite(result.sustained)) return '-';
  if (result.sustained >= SATURATED_SHARE * writeLimit || result.saturatedSeconds >= 0.5) return 'Attio limit';
  return result.putBack > 0 || result.throttled > 0 ? 'worker (budget hit at times)' : 'worker';
}

/** `limitBound`: the program has enough events for L to bind; a small program's rate is set by its offer, so no ratio. */
function row(name: string, result: Awaited<ReturnType<typeof run>>[number], limitBound: boolean): BenchRow {
  return {
    run: name,
    'Attio writes': result.writes,
    'writes/s': limitBound ? round(result.sustained, 2) : '-',
    'writes/s / L': limitBound ? round(result.sustained / writeLimit, 2) : '-',
    'seconds at L': limitBound ? round(result.saturatedSeconds, 2) : '-',
    'bound by': limitBound ? boundBy(result) : '-',
    '429s': result.throttled,
    'put back': result.putBack,
    'synced / events': `${result.synced}/${result.count}`,
    'dead-lettered': result.dlq,
    'last offered s': round(result.lastOfferedSeconds, 1),
    'done s': round(result.completedSeconds, 1),
    'done - last offered s': round(result.completedSeconds - result.lastOfferedSeconds, 1),
    'events / L s': round(result.idealSeconds, 1),
  };
}

async function main(): Promise<void> {
  await inBenchWorld({}, async (world) => {
    const meter = new AttioWriteMeter(world);
    world.attio.control.setRateLimits({ readsPerSecond: 100, writesPerSecond: writeLimit });

    const single = await connectPartneroToAttio(world);
    meter.watch(single);
    const [one] = await run(world, meter, [{ program: single, count: events, label: 'one program' }]);
    if (!one) throw new Error('no result');
    const rows: BenchRow[] = [row(`one program, ${events} partner events`, one, true)];

    const busy = await connectPartneroToAttio(world);
    const small = [];
    for (let index = 0; index < 9; index += 1) small.push(await connectPartneroToAttio(world));
    for (const program of [busy, ...small]) meter.watch(program);
    const shared = await run(world, meter, [
      { program: busy, count: busyEvents, label: 'busy program' },
      ...small.map((program, index) => ({ program, count: smallEvents, label: `small program ${index + 1}` })),
    ]);
    for (const result of shared)
      rows.push(row(`10 at once: ${result.label}, ${result.count} events`, result, result.label === 'busy program'));
    report(
      'rate-limited-throughput',
      rows,
      {
        events,
        writeLimitPerSecond: writeLimit,
        offerRatePerSecond: offerRate,
        workerConcurrency: DEFAULT_MAX_CONCURRENCY['partnero-to-attio'],
        target:
          'writes/s >= 0.9 L; nothing lost; a small program is done soon after its last event was offered, while the busy one still runs',
        columns:
          'writes/s over the 10th-90th percentile writes (steady state); seconds at L: share of ' +
          'whole steady-state seconds with >= 0.9 L writes; bound by: Attio limit when writes/s >= ' +
          '0.9 L or most seconds were at L, else worker; put back: messages the worker returned to ' +
          'the queue (budget spent, 429, retries), per run; times from the start of offering; the ' +
          'dead-lettered count is per run, shared by its programs',
        budgets: `Attio ${writeLimit} writes/s per workspace (the workers' budget, equal to L); Partnero unbounded here`,
        method:
          'partners created in the Partnero simulator at the offer rate; its webhooks drive the real ' +
          'route, queue and worker; writes and 429s counted at the Attio proxy per workspace',
      },
      { smoke: isSmoke },
    );
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
