/**
 * Benchmark 5: bundle size of every Lambda and its init time in a fresh Node process, against an
 * empty handler bundled and configured the same way (the floor). Built with the options the CDK
 * uses (`lib/constructs/function-bundling.ts`) and started with the deployed base environment;
 * timed from the process's start (`performance.now()` counts from it, as Lambda's Init Duration
 * counts the runtime's boot) until the handler module is loaded. Run: npm run bench:cold-start
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceFunctions } from '../functions/catalog';
import { functionBaseEnvironment, functionBundling } from '../lib/constructs/function-bundling';
import { ENV } from '../shared/config/environment-names';
import { isSmoke, percentile, report, round } from './support/report';

const projectRoot = join(__dirname, '..');
const runs = isSmoke ? 2 : 15;

async function bundle(entry: string, outfile: string): Promise<number> {
  // What the CDK's NodejsFunction passes esbuild for this service (lib/constructs/function-bundling.ts).
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    minify: functionBundling.minify,
    sourcemap: functionBundling.sourceMap,
    sourcesContent: functionBundling.sourcesContent,
    target: functionBundling.target,
    format: functionBundling.format,
    mainFields: [...functionBundling.mainFields],
    external: [...functionBundling.externalModules],
    logLevel: 'silent',
  });
  return statSync(outfile).size;
}

/** Functions parse their configuration at init and fail fast without it: give them a plausible one. */
const plausibleEnvironment: Record<string, string> = {
  ...functionBaseEnvironment('partnero-attio-sync-bench'),
  AWS_REGION: 'us-east-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  [ENV.syncTableName]: 'sync',
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

/**
 * Milliseconds from a fresh process's start until the bundle is loaded: what a cold start pays
 * before the handler runs. The deployed environment has no NODE_OPTIONS, and neither has this one.
 */
function initTimes(bundlePath: string): number[] {
  const probe = `require(${JSON.stringify(bundlePath)});process.stdout.write(String(performance.now()))`;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const output = execFileSync(process.execPath, ['-e', probe], {
      env: { ...withoutNodeOptions(process.env), ...plausibleEnvironment },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    times.push(Number(output.toString()));
  }
  return times.sort((a, b) => a - b);
}

/** tsx and jest start this script with NODE_OPTIONS of their own; a deployed function has none. */
function withoutNodeOptions(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _ignored, ...rest } = environment;
  return rest;
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
    report('cold-start', rows, { runsPerBundle: runs, method: 'fresh node process, from its start until require() of the bundle (built and configured as the CDK deploys it) returns' }, { smoke: isSmoke });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
