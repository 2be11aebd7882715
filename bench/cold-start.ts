/**
 * Benchmark 5: bundle size of every Lambda and its init time in a fresh Node process, against an
 * empty handler bundled and configured the same way (the floor). Built with the options the CDK
 * uses (`lib/constructs/function-bundling.ts`) and started with the deployed base environment;
 * timed from the process's start (`performance.now()` counts from it, as Lambda's Init Duration
 * counts the runtime's boot) until the handler module is loaded. The two webhook routes are also
 * timed to their first answer (init plus one signed delivery: the secret's GetItem, its decrypt
 * and the SQS send, against the local emulators), so work deferred to the first request is counted
 * too; the floor's first answer is the empty handler invoked once. Run: npm run bench:cold-start
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceFunctions } from '../functions/catalog';
import { functionBaseEnvironment, functionBundling } from '../lib/constructs/function-bundling';
import { localCredentials, LOCAL_REGION } from '../local/aws/local-credentials';
import type { LocalStack } from '../local/local-stack';
import { ENV } from '../shared/config/environment-names';
import { hmacSha256Hex } from '../shared/webhooks/verify-signature';
import { attioRecordUpdatedBody } from './load/attio-record-updated';
import { isSmoke, percentile, report, round, type BenchRow } from './support/report';
import { startWebhookEdgeStack, type SeededProgram } from './support/seed-program';

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
  // The Attio webhook keys its events by this window (the stage's `attioEventWindowSeconds`).
  [ENV.attioEventWindowSeconds]: '5',
};

interface ColdStart {
  /** From the process's start until require() of the bundle returns. */
  readonly loadedMs: number;
  /** Until the handler's first answer (only when a delivery is given). */
  readonly answeredMs: number;
}

/**
 * A fresh process per run: what a cold start pays before (and, with `delivery`, until the end of)
 * its first invocation. The deployed environment has no NODE_OPTIONS, and neither has this one.
 */
function coldStarts(
  bundlePath: string,
  delivery?: { event: object; environment: Record<string, string> },
): ColdStart[] {
  const probe = [
    `const m=require(${JSON.stringify(bundlePath)});const loaded=performance.now();`,
    `const event=process.env.BENCH_EVENT?JSON.parse(process.env.BENCH_EVENT):undefined;`,
    `(event?m.handler(event,{functionName:'bench',awsRequestId:'cold-start'}):Promise.resolve({statusCode:200})).then((r)=>{`,
    `if(event&&r.statusCode!==200)throw new Error('first answer '+r.statusCode+' '+r.body);`,
    `process.stdout.write(JSON.stringify({loadedMs:loaded,answeredMs:performance.now()}));process.exit(0)});`,
  ].join('');
  const measured: ColdStart[] = [];
  for (let run = 0; run < runs; run += 1) {
    const output = execFileSync(process.execPath, ['-e', probe], {
      env: {
        ...withoutNodeOptions(process.env),
        ...plausibleEnvironment,
        ...delivery?.environment,
        ...(delivery && { BENCH_EVENT: JSON.stringify(delivery.event) }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    measured.push(JSON.parse(output.toString()) as ColdStart);
  }
  return measured;
}

function sortedTimes(starts: readonly ColdStart[], key: keyof ColdStart): number[] {
  return starts.map((start) => start[key]).sort((a, b) => a - b);
}

/** A signed delivery for each webhook route, against the emulators, with the seeded program's secret. */
function webhookDeliveries(
  stack: LocalStack,
  program: SeededProgram,
  tokenKey: string,
): Partial<Record<string, { event: object; environment: Record<string, string> }>> {
  const environment = {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SQS: stack.sqsEndpoint,
    [ENV.syncTableName]: stack.resources.syncTableName,
    [ENV.partneroToAttioQueueUrl]: stack.resources.queues['partnero-to-attio'].url,
    [ENV.attioToPartneroQueueUrl]: stack.resources.queues['attio-to-partnero'].url,
    // KMS has no emulator here: the local key stands in (the KMS client is the same signed JSON client).
    [ENV.tokenKeyId]: '',
    [ENV.localTokenKey]: tokenKey,
  };
  const event = (programId: string, body: string, headers: Record<string, string>) => ({
    pathParameters: { programId },
    body,
    isBase64Encoded: false,
    headers,
  });
  const partneroBody = JSON.stringify({
    event: 'partner.updated',
    data: { id: 'cold', key: 'cold', email: 'cold@example.com', updated_at: '2026-01-01T00:00:00.000000Z' },
  });
  const attioBody = attioRecordUpdatedBody('cold');
  return {
    'partnero-webhook': {
      environment,
      event: event(program.programId, partneroBody, {
        signature: hmacSha256Hex(partneroBody, program.partneroWebhookSecret),
      }),
    },
    'attio-webhook': {
      environment,
      event: event(program.programId, attioBody, {
        'attio-signature': hmacSha256Hex(attioBody, program.attioWebhookSecret),
        'idempotency-key': 'cold-start',
      }),
    },
  };
}

/** tsx and jest start this script with NODE_OPTIONS of their own; a deployed function has none. */
function withoutNodeOptions(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _ignored, ...rest } = environment;
  return rest;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'cold-start-'));
  const { stack, program, tokenKey } = await startWebhookEdgeStack('cold-start');
  try {
    const deliveries = webhookDeliveries(stack, program, tokenKey);
    const emptyEntry = join(workDir, 'empty.ts');
    writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
    const floorBytes = await bundle(emptyEntry, join(workDir, 'empty.js'));
    const floorStarts = coldStarts(join(workDir, 'empty.js'), { event: {}, environment: {} });
    const floorLoaded = percentile(sortedTimes(floorStarts, 'loadedMs'), 0.5);
    const floorAnswered = percentile(sortedTimes(floorStarts, 'answeredMs'), 0.5);
    const rows: BenchRow[] = [
      {
        function: '(empty handler: floor)',
        'bundle kB': round(floorBytes / 1024, 1),
        'loaded p50 ms': round(floorLoaded),
        'loaded p90 ms': round(percentile(sortedTimes(floorStarts, 'loadedMs'), 0.9)),
        'loaded / floor': 1,
        'first answer p50 ms': round(floorAnswered),
        'first answer / floor': 1,
      },
    ];
    for (const definition of serviceFunctions) {
      const outfile = join(workDir, `${definition.name}.js`);
      const bytes = await bundle(join(projectRoot, definition.entry), outfile);
      const delivery = deliveries[definition.name];
      const starts = coldStarts(outfile, delivery);
      const loaded = sortedTimes(starts, 'loadedMs');
      const answered = percentile(sortedTimes(starts, 'answeredMs'), 0.5);
      rows.push({
        function: definition.name,
        'bundle kB': round(bytes / 1024, 1),
        'loaded p50 ms': round(percentile(loaded, 0.5)),
        'loaded p90 ms': round(percentile(loaded, 0.9)),
        'loaded / floor': round(percentile(loaded, 0.5) / floorLoaded, 1),
        'first answer p50 ms': delivery ? round(answered) : '-',
        'first answer / floor': delivery ? round(answered / floorAnswered, 1) : '-',
      });
    }
    report(
      'cold-start',
      rows,
      {
        runsPerBundle: runs,
        method:
          'fresh node process per run, from its start until require() of the bundle (built and ' +
          'configured as the CDK deploys it) returns; webhooks also until the answer to one signed ' +
          'delivery (local DynamoDB and SQS emulators)',
        targets: 'issue 15: bundle <= 400 kB; webhooks <= 4x the floor loaded and to first answer; others <= 6x loaded',
      },
      { smoke: isSmoke },
    );
  } finally {
    await stack.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
