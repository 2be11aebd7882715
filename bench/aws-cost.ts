/**
 * Benchmark 6: AWS cost per million synced changes, from what a mixed workload on the local
 * stack asked of AWS: SQS requests and DynamoDB request units counted at proxies in front of
 * the emulators, Lambda GB-seconds from measured handler durations times the memory the
 * catalog gives each function, API Gateway requests. Each beside a floor (the least a change
 * could cost) and priced with the us-east-1 list prices in support/aws-prices.ts.
 *
 * Latency: by default every DynamoDB call is held 10 ms and every provider call 150 ms at the
 * proxies (as in bench:scale), because Lambda bills waiting: with the local emulators'
 * 1-3 ms the floor (time spent waiting on SQS and the providers) is a few milliseconds and
 * the measured duration mostly this machine's DynamoDB Local, neither what AWS would bill.
 * `--latency local` runs without the delays (the figures of the runs before 2026-12-02 08:00).
 * Run: npm run bench:aws-cost [-- --rounds 50] [-- --latency local]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { awsPricesSource, awsPricesUsEast1 as price } from './support/aws-prices';
import { inBenchWorld, type BenchWorld } from './support/bench-world';
import { connectAttioToPartnero, connectPartneroToAttio } from './support/connect-programs';
import { jsonOf, sqsAction } from './support/exchange-log';
import { isSmoke, report, round, type BenchRow } from './support/report';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '50' },
    latency: { type: 'string', default: 'aws' },
    smoke: { type: 'boolean' },
  },
});
const rounds = isSmoke ? 1 : Number(values.rounds);
/** Milliseconds held at the proxies per call: AWS-like (DynamoDB in region, providers over the internet) or none. */
const latency = values.latency === 'local' ? { dynamoDbMs: 0, providerMs: 0 } : { dynamoDbMs: 10, providerMs: 150 };
if (values.latency !== 'local' && values.latency !== 'aws') throw new Error('--latency is aws or local');
const LAMBDA_MEMORY_GB = 0.5;
/** Issue 15's targets, printed beside the figures they bound. */
const targets = { readUnitsPerChange: 2, writeUnitsPerChange: 3, totalOverFloor: 2 };

/**
 * The figures of the run before this one (`bench/results/aws-cost.json`), by resource, so each
 * run prints what changed beside what it measured; empty on a first run.
 */
function previousRun(): {
  measuredAt: string | undefined;
  byResource: Map<string, { perChange: string | number | undefined; dollars: string | number | undefined }>;
} {
  const file = join(__dirname, 'results', 'aws-cost.json');
  if (!existsSync(file)) return { measuredAt: undefined, byResource: new Map() };
  const previous = JSON.parse(readFileSync(file, 'utf8')) as { measuredAt?: string; rows?: BenchRow[] };
  return {
    measuredAt: previous.measuredAt,
    byResource: new Map(
      (previous.rows ?? []).map((row) => [
        String(row.resource),
        { perChange: row['per change'], dollars: row['$ / million changes'] },
      ]),
    ),
  };
}

/** Changes enqueued to the two sync queues (not their dead-letter queues): each is one synced change. */
function countEnqueuedChanges(world: BenchWorld): { changes: number; sendSeconds: number } {
  const syncQueues = new Set([
    world.stack.resources.queues['partnero-to-attio'].url,
    world.stack.resources.queues['attio-to-partnero'].url,
  ]);
  const counted = { changes: 0, sendSeconds: 0 };
  world.proxies.sqs.onExchange((exchange) => {
    if (sqsAction(exchange) !== 'SendMessageBatch' && sqsAction(exchange) !== 'SendMessage') return;
    const request = jsonOf(exchange.requestBody);
    if (!syncQueues.has(String(request.QueueUrl))) return;
    counted.changes += Array.isArray(request.Entries) ? request.Entries.length : 1;
    counted.sendSeconds += (exchange.endedAt - exchange.startedAt) / 1000;
  });
  return counted;
}

/** Seconds the service spent waiting on provider calls: work no implementation can skip. */
function countProviderSeconds(world: BenchWorld): { seconds: number } {
  const counted = { seconds: 0 };
  for (const proxy of [world.proxies.attio, world.proxies.partnero])
    proxy.onExchange((exchange) => (counted.seconds += (exchange.endedAt - exchange.startedAt) / 1000));
  return counted;
}

/**
 * A round of ordinary traffic: a partner joins and is renamed, refers a customer who buys
 * (Partnero -> Attio); a sales rep adds a person and a deal and wins it (Attio -> Partnero).
 */
async function workload(world: BenchWorld, startCounting: () => void): Promise<void> {
  const p2a = await connectPartneroToAttio(world);
  const a2p = await connectAttioToPartnero(world);
  const partnero = world.partnero.control;
  const oneRound = async (round: number) => {
    const partner = partnero.partners.create(p2a.programId, {
      email: `partner-${round}@partners.test`,
      name: 'Pat',
      surname: `Partner ${round}`,
    });
    partnero.partners.update(p2a.programId, partner.id, { surname: `Renamed ${round}` });
    partnero.customers.create(p2a.programId, {
      key: `customer-${round}`,
      email: `customer-${round}@buyers.test`,
      name: 'Carol',
      partner: { id: partner.id },
    });
    partnero.transactions.create(p2a.programId, {
      key: `sale-${round}`,
      amount: 120,
      amount_units: 'USD',
      customer: { key: `customer-${round}` },
    });
    const buyer = a2p.aBuyer(`buyer-${round}`);
    const deal = a2p.aDeal(`deal-${round}`, buyer.personId, 900);
    a2p.moveDealToWon(deal);
    // One round at a time: the handlers share this process's CPU, and a crowd of concurrent
    // invocations would bill each other's waiting as their own duration.
    await world.settle();
  };
  await oneRound(-1); // warm-up: connections, caches and the first program loads are not per change
  startCounting();
  for (let round = 0; round < rounds; round += 1) await oneRound(round);
  world.usage.closeRun();
}

async function main(): Promise<void> {
  const before = previousRun();
  await inBenchWorld({}, async (world) => {
    world.proxies.dynamoDb.setLatency(latency.dynamoDbMs);
    world.proxies.attio.setLatency(latency.providerMs);
    world.proxies.partnero.setLatency(latency.providerMs);
    const enqueued = countEnqueuedChanges(world);
    const provider = countProviderSeconds(world);
    // Setup traffic (connecting programs) is not a synced change: count from the workload's start.
    await workload(world, () => {
      world.usage.reset();
      Object.assign(enqueued, { changes: 0, sendSeconds: 0 });
      provider.seconds = 0;
    });
    const usage = world.usage.totals();
    const changes = enqueued.changes;
    if (changes === 0) throw new Error('no synced change observed');
    const perChange = (value: number) => value / changes;
    const perMillion = (value: number, unitPrice: number) => round((value / changes) * 1e6 * unitPrice, 2);

    // Floors: one SendMessage per change and a tenth of a full batch's receive and delete; one
    // eventually consistent read of the program (0.5 RRU) and one write of what was synced
    // (1 WRU); Lambda only for the time spent waiting on SQS and the providers; one API request.
    const floor = {
      sqs: 1 + 2 / 10,
      readUnits: 0.5,
      writeUnits: 1,
      gbSeconds: ((enqueued.sendSeconds + provider.seconds) * LAMBDA_MEMORY_GB) / changes,
      invocations: 1 + 1 / 10,
      api: 1,
    };
    const lambdaCost = (gbSeconds: number, invocations: number) =>
      gbSeconds * price.lambdaArmGbSecond + invocations * price.lambdaRequest;
    const measuredLambda = lambdaCost(perChange(usage.gbSeconds), perChange(usage.invocations)) * 1e6;
    const floorLambda = lambdaCost(floor.gbSeconds, floor.invocations) * 1e6;
    const rows: BenchRow[] = [
      line(
        'SQS FIFO requests',
        perChange(usage.sqsRequests),
        floor.sqs,
        perMillion(usage.sqsRequests, price.sqsFifoRequest),
        '$0.50 / million requests',
      ),
      line(
        'DynamoDB read request units',
        perChange(usage.readUnits),
        floor.readUnits,
        perMillion(usage.readUnits, price.dynamoDbReadRequestUnit),
        '$0.125 / million RRU (on-demand)',
      ),
      line(
        'DynamoDB write request units',
        perChange(usage.writeUnits),
        floor.writeUnits,
        perMillion(usage.writeUnits, price.dynamoDbWriteRequestUnit),
        '$0.625 / million WRU (on-demand)',
      ),
      line(
        'Lambda GB-seconds',
        perChange(usage.gbSeconds),
        floor.gbSeconds,
        round(perChange(usage.gbSeconds) * 1e6 * price.lambdaArmGbSecond, 2),
        '$0.0000133334 / GB-s (arm64)',
      ),
      line(
        'Lambda invocations',
        perChange(usage.invocations),
        floor.invocations,
        perMillion(usage.invocations, price.lambdaRequest),
        '$0.20 / million requests',
      ),
      line(
        'API Gateway HTTP API requests',
        perChange(usage.apiRequests),
        floor.api,
        perMillion(usage.apiRequests, price.httpApiRequest),
        '$1.00 / million requests',
      ),
    ];
    const total = rows.reduce((sum, row) => sum + Number(row['$ / million changes']), 0);
    const floorTotal =
      (floor.sqs * price.sqsFifoRequest +
        floor.readUnits * price.dynamoDbReadRequestUnit +
        floor.writeUnits * price.dynamoDbWriteRequestUnit +
        floor.api * price.httpApiRequest) *
        1e6 +
      floorLambda;
    rows.push({
      resource: 'total',
      'per change': '-',
      'floor per change': '-',
      'measured / floor': round(total / floorTotal, 2),
      '$ / million changes': round(total, 2),
      'price (us-east-1)': `floor $${round(floorTotal, 2)}`,
    });
    for (const [index, row] of rows.entries()) {
      const previous = before.byResource.get(String(row.resource));
      // Per change for a resource, dollars per million for the total.
      rows[index] = {
        ...row,
        'previous run': (row.resource === 'total' ? previous?.dollars : previous?.perChange) ?? '-',
      };
    }
    const readUnits = perChange(usage.readUnits);
    const writeUnits = perChange(usage.writeUnits);
    const verdict = (value: number, target: number) => (value <= target ? 'met' : 'MISSED');
    console.log(
      [
        `per synced change: ${round(readUnits, 2)} RRU (floor ${floor.readUnits}, target <= ` +
          `${targets.readUnitsPerChange}: ${verdict(readUnits, targets.readUnitsPerChange)}),`,
        `${round(writeUnits, 2)} WRU (floor ${floor.writeUnits}, target <= ` +
          `${targets.writeUnitsPerChange}: ${verdict(writeUnits, targets.writeUnitsPerChange)});`,
        `$${round(total, 2)} per million changes, ${round(total / floorTotal, 2)}x the floor ` +
          `$${round(floorTotal, 2)} (target <= ${targets.totalOverFloor}x: ` +
          `${verdict(total / floorTotal, targets.totalOverFloor)})`,
        before.measuredAt
          ? `; previous run ${before.measuredAt}: ` +
            `${before.byResource.get('DynamoDB read request units')?.perChange} RRU, ` +
            `${before.byResource.get('DynamoDB write request units')?.perChange} WRU, ` +
            `$${before.byResource.get('total')?.dollars}`
          : '',
      ].join(' '),
    );
    report(
      'aws-cost',
      rows,
      {
        rounds,
        latency: `${values.latency}: ${latency.dynamoDbMs} ms per DynamoDB call, ${latency.providerMs} ms per provider call`,
        syncedChanges: changes,
        previousRunMeasuredAt: before.measuredAt ?? null,
        targets,
        lambdaDollarsPerMillionChanges: round(measuredLambda, 2),
        sqsRequestsByAction: Object.fromEntries(world.usage.sqsRequests),
        emptyReceives:
          `${usage.emptyReceives} empty ReceiveMessage calls of the local pollers (1 s long polls) ` +
          `left out: a fixed cost of idle queues, not a cost per change`,
        dynamoDbByAction: Object.fromEntries(world.usage.dynamoDb),
        dynamoDbByItemPerChange: Object.fromEntries(
          [...world.usage.dynamoDbByItem].map(([item, usage]) => [
            item,
            {
              requests: round(perChange(usage.requests), 3),
              readUnits: round(perChange(usage.readUnits), 3),
              writeUnits: round(perChange(usage.writeUnits), 3),
            },
          ]),
        ),
        lambdaByFunction: Object.fromEntries(world.usage.lambda),
        unsettledWorkerBatches: world.usage.unsettledBatches,
        prices: { ...price, ...awsPricesSource },
        notCounted:
          'KMS Decrypt of tokens (the local stack decrypts with a local key), CloudWatch Logs and metrics, data transfer',
        method:
          'rounds run one at a time, after a warm-up round; handler durations are wall time in this ' +
          'process (HTTP functions at the API proxy, workers from ReceiveMessage to ' +
          'DeleteMessageBatch)',
        caveat:
          values.latency === 'local'
            ? 'durations are local: providers answer in ~1 ms here against ~100 ms or more over the ' +
              'internet, and DynamoDB Local is slower than DynamoDB; Lambda GB-s in AWS grows with ' +
              'provider latency'
            : 'latencies are modelled, not AWS: the handlers still run on this machine, and the ' +
              'delays are fixed where real ones vary',
      },
      { smoke: isSmoke },
    );
  });
}

function line(
  resource: string,
  perChangeValue: number,
  floorValue: number,
  dollarsPerMillion: number,
  priceText: string,
): BenchRow {
  return {
    resource,
    'per change': round(perChangeValue, 4),
    'floor per change': round(floorValue, 4),
    'measured / floor': round(perChangeValue / floorValue, 2),
    '$ / million changes': dollarsPerMillion,
    'price (us-east-1)': priceText,
  };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
