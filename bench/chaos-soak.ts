/**
 * The large chaos soak: both sync directions at once through the local stack, with duplicated,
 * reordered and lost webhooks, provider 429/500/timeouts and workers killed mid-batch, one
 * reconciliation, then both providers compared with the oracle model of the same seeded stream.
 *
 *   npm run bench:chaos                       # 20,000 events
 *   npm run bench:chaos -- --events 5000 --seed 7
 *
 * Prints the figures and writes bench/results/chaos-soak.json; exits 1 when the providers
 * differ from the model (the seed to replay is printed).
 */
import './support/quiet-powertools';
import { parseArgs } from 'node:util';
import { issueChaos, runChaosSoak } from '../test/integration/chaos/chaos-soak';
import { isSmoke, report, round } from './support/report';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: isSmoke ? '60' : '20000' },
    seed: { type: 'string' },
    smoke: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const events = Number(values.events);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  // A tenth of the stream builds the population; per record the writes stay under the circuit breaker's limit.
  const partners = Math.max(3, Math.round(events * 0.025));
  const customers = Math.max(5, Math.round(events * 0.075));
  const size = { partners, customers, changes: Math.max(10, events - partners - customers) };
  console.log(
    `chaos soak: seed ${seed}, ${events} events (${partners} partners, ${customers} customers, ${size.changes} changes)`,
  );
  const result = await runChaosSoak({
    seed,
    size,
    chaos: issueChaos({ workerConcurrency: 6 }),
    maxPauseMs: 2,
    drainTimeoutMs: 30 * 60_000,
    // Emulators already running (as bench/support/bench-world.ts takes them), else its own.
    endpoints: { dynamoDbEndpoint: process.env.LOCAL_DYNAMODB_ENDPOINT, sqsEndpoint: process.env.LOCAL_SQS_ENDPOINT },
    log: (line) => console.log(`  ${line}`),
  });
  const { providers, workers, webhooks } = result;
  report(
    'chaos-soak',
    [
      { figure: 'events (setup + changes)', value: result.events.total },
      {
        figure: 'seconds: setup / play / drain / total',
        value: `${round(result.seconds.setup, 1)} / ${round(result.seconds.play, 1)} / ${round(result.seconds.drain, 1)} / ${round(result.seconds.total, 1)}`,
      },
      { figure: 'events per second, end to end', value: round(result.events.total / result.seconds.total, 1) },
      {
        figure: 'webhooks received / duplicated / overtaken / lost',
        value: `${webhooks.received} / ${webhooks.duplicated} / ${webhooks.reordered} / ${webhooks.lost}`,
      },
      {
        figure: 'Attio calls: requests / 429 / 500 / timeouts',
        value: `${providers.attio.requests} / ${providers.attio.rateLimited} / ${providers.attio.serverErrors} / ${providers.attio.timeouts}`,
      },
      {
        figure: 'Partnero calls: requests / 429 / 500 / timeouts',
        value: `${providers.partnero.requests} / ${providers.partnero.rateLimited} / ${providers.partnero.serverErrors} / ${providers.partnero.timeouts}`,
      },
      {
        figure: 'reconciliation: runs (of them without faults) / repairs / seconds',
        value:
          `${result.reconciliation.runs} (${result.reconciliation.runsWithoutFaults}) / ` +
          `${result.reconciliation.repaired} / ${round(result.reconciliation.seconds, 1)}`,
      },
      { figure: 'provider calls per event', value: round(result.providerCallsPerEvent, 2) },
      { figure: 'worker invocations / killed mid-batch', value: `${workers.invocations} / ${workers.killed}` },
      {
        figure: 'messages received / failed (retried)',
        value: `${workers.messagesReceived} / ${workers.messagesFailed}`,
      },
      { figure: 'dead letters', value: Object.values(result.deadLetters).reduce((sum, count) => sum + count, 0) },
      { figure: 'differences from the oracle model', value: result.differences.length },
    ],
    { ...result, differences: result.differences.slice(0, 50) },
    { smoke: isSmoke || values.smoke },
  );
  console.log('outcomes:', result.outcomes);
  if (result.differences.length > 0) {
    console.error(`\n${result.differences.length} difference(s) from the model; replay with --seed ${seed}:`);
    for (const difference of result.differences.slice(0, 30)) console.error(`  ${difference}`);
    for (const [record, history] of Object.entries(result.histories))
      console.error(`\nhistory of ${record}:\n  ${history.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
