/**
 * Benchmark 5: bundle size of every Lambda and its module-init time in a fresh Node process,
 * against an empty handler bundled the same way (the floor). Run: npm run bench:cold-start
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceFunctions } from '../functions/catalog';
import { ENV } from '../shared/config/environment-names';
import { isSmoke, percentile, report, round } from './support/report';

const projectRoot = join(__dirname, '..');
const runs = isSmoke ? 2 : 15;

async function bundle(entry: string, outfile: string): Promise<number> {
  // The same options the CDK's NodejsFunction uses for this service (lib/constructs/service-function.ts).
  await build({ entryPoints: [entry], outfile, bundle: true, minify: true, sourcemap: false, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'silent' });
  return statSync(outfile).size;
}

/** Functions parse their configuration at init and fail fast without it: give them a plausible one. */
const plausibleEnvironment: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  [ENV.syncTableName]: 'sync',
  [ENV.idempotencyTableName]: 'idempotency',
  [ENV.partneroToAttioQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/000000000000/p2a.fifo',
  [ENV.attioToPartneroQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/000000000000/a2p.fifo',
  [ENV.partneroToAttioDeadLetterQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/000000000000/p2a-dlq.fifo',
  [ENV.attioToPartneroDeadLetterQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/000000000000/a2p-dlq.fifo',
  [ENV.attioApiUrl]: 'https://api.attio.com',
  [ENV.attioAppUrl]: 'https://app.attio.com',
  [ENV.partneroApiUrl]: 'https://api.partnero.com',
  [ENV.publicApiUrl]: 'https://sync.example.com',
  [ENV.appSecretArn]: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:app',
  [ENV.tokenKeyId]: 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000',
};

/** Milliseconds to require the bundle in a fresh process: what a cold start pays before the handler runs. */
function initTimes(bundlePath: string): number[] {
  const probe = `const t=process.hrtime.bigint();require(${JSON.stringify(bundlePath)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const output = execFileSync(process.execPath, ['-e', probe], {
      env: { ...process.env, ...plausibleEnvironment },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    times.push(Number(output.toString()));
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'cold-start-'));
  try {
    const emptyEntry = join(workDir, 'empty.ts');
    writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
    const floorBytes = await bundle(emptyEntry, join(workDir, 'empty.js'));
    const floorTimes = initTimes(join(workDir, 'empty.js'));
    const floorMedian = percentile(floorTimes, 0.5);
    const rows = [{ function: '(empty handler: floor)', 'bundle kB': round(floorBytes / 1024, 1), 'init p50 ms': round(floorMedian), 'init p90 ms': round(percentile(floorTimes, 0.9)), 'init / floor': 1 }];
    for (const definition of serviceFunctions) {
      const outfile = join(workDir, `${definition.name}.js`);
      const bytes = await bundle(join(projectRoot, definition.entry), outfile);
      const times = initTimes(outfile);
      const median = percentile(times, 0.5);
      rows.push({ function: definition.name, 'bundle kB': round(bytes / 1024, 1), 'init p50 ms': round(median), 'init p90 ms': round(percentile(times, 0.9)), 'init / floor': round(median / floorMedian, 1) });
    }
    report('cold-start', rows, { runsPerBundle: runs, method: 'require() of the minified esbuild bundle in a fresh node process' }, { smoke: isSmoke });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
