/**
 * Benchmark 1: acknowledgement latency of the two webhook routes (signature check + enqueue)
 * at a fixed offered load from a separate process, beside the floor: a bare SendMessage to
 * the same local SQS at the same rate. Every route is warmed up first (a short run whose figures
 * are dropped: module load, SDK clients, the secret cache, the JIT), then the routes are measured
 * in interleaved rounds, the order rotated each round, so no route pays for being first or for a
 * moment of noise on the machine. Run: npm run bench:webhook-ack [-- --rate 200 --seconds 30]
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { attioRecordUpdatedBody } from './load/attio-record-updated';
import type { LoadResult } from './load/open-loop-load';
import { isSmoke, percentile, report, round } from './support/report';
import { startWebhookEdgeStack } from './support/seed-program';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    smoke: { type: 'boolean' },
  },
});
const rate = isSmoke ? 20 : Number(values.rate);
const durationSeconds = isSmoke ? 1 : Number(values.seconds);
/** Measured rounds per route; each lasts durationSeconds / rounds. */
const rounds = isSmoke ? 2 : 6;
const warmUpSeconds = isSmoke ? 0.5 : 3;

function runLoad(plan: object, seconds = durationSeconds): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        join(__dirname, 'load', 'open-loop-load.ts'),
        JSON.stringify({ ...plan, rate, durationSeconds: seconds }),
      ],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1' } },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as LoadResult)),
    );
  });
}

function summarise(name: string, result: LoadResult, floorP99?: number) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const ok = (result.statuses['200'] ?? 0) + (result.statuses['202'] ?? 0);
  const p99 = percentile(sorted, 0.99);
  return {
    route: name,
    offered: result.offered,
    'ok %': round((ok / result.offered) * 100, 1),
    'achieved req/s': round(ok / result.elapsedSeconds, 1),
    'p50 ms': round(percentile(sorted, 0.5)),
    'p99 ms': round(p99),
    'p99 / floor p99': floorP99 ? round(p99 / floorP99, 2) : 1,
    statuses: Object.entries(result.statuses)
      .map(([status, count]) => `${status}x${count}`)
      .join(' '),
  };
}

/** Runs every plan `rounds` times, rotating which goes first, and merges each plan's rounds. */
async function interleavedRounds(plans: readonly object[]): Promise<LoadResult[]> {
  const merged = plans.map((): LoadResult => ({ latenciesMs: [], statuses: {}, offered: 0, elapsedSeconds: 0 }));
  for (let round = 0; round < rounds; round += 1) {
    for (let step = 0; step < plans.length; step += 1) {
      const index = (round + step) % plans.length;
      const result = await runLoad(plans[index]!, durationSeconds / rounds);
      const into = merged[index]!;
      merged[index] = {
        latenciesMs: into.latenciesMs.concat(result.latenciesMs),
        statuses: Object.fromEntries(
          [...new Set([...Object.keys(into.statuses), ...Object.keys(result.statuses)])].map((status) => [
            status,
            (into.statuses[status] ?? 0) + (result.statuses[status] ?? 0),
          ]),
        ),
        offered: into.offered + result.offered,
        elapsedSeconds: into.elapsedSeconds + result.elapsedSeconds,
      };
    }
  }
  return merged;
}

async function main(): Promise<void> {
  const { stack, program } = await startWebhookEdgeStack('bench');
  try {
    const plans = [
      {
        target: 'sqs',
        endpoint: stack.sqsEndpoint,
        queueUrl: stack.resources.queues['partnero-to-attio'].url,
        bodyTemplate: partneroBody,
      },
      {
        target: 'http',
        url: `${stack.apiUrl}/webhooks/partnero/${program.programId}`,
        secret: program.partneroWebhookSecret,
        signatureHeader: 'signature',
        bodyTemplate: partneroBody,
      },
      {
        target: 'http',
        url: `${stack.apiUrl}/webhooks/attio/${program.programId}`,
        secret: program.attioWebhookSecret,
        signatureHeader: 'attio-signature',
        bodyTemplate: attioBody,
        uniqueHeaders: ['idempotency-key'],
      },
    ];
    for (const plan of plans) await runLoad(plan, warmUpSeconds);
    const [floor, partnero, attio] = await interleavedRounds(plans);
    const floorRow = summarise('floor: bare SendMessage', floor!);
    report(
      'webhook-ack',
      [
        floorRow,
        summarise('POST /webhooks/partnero/{programId}', partnero!, floorRow['p99 ms']),
        summarise('POST /webhooks/attio/{programId}', attio!, floorRow['p99 ms']),
      ],
      { rate, durationSeconds, rounds, warmUpSeconds, target: 'p99 within 2x of the floor (issue 15)' },
      { smoke: isSmoke },
    );
  } finally {
    await stack.stop();
  }
}

const partneroBody = JSON.stringify({
  event: 'partner.updated',
  url: 'https://sync.example.com/webhooks/partnero/bench',
  webhook_key: 'bench-webhook',
  created_at: '2026-01-01T00:00:00.000000Z',
  data: {
    id: '__ID__',
    key: '__ID__',
    email: '__ID__@example.com',
    name: 'Ada',
    surname: 'Lovelace',
    status: 'active',
    approved: true,
    created_at: '2026-01-01T00:00:00.000000Z',
    updated_at: '2026-01-01T00:00:00.000000Z',
  },
});

const attioBody = attioRecordUpdatedBody('__ID__');

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
