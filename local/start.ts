/**
 * `npm start`: the whole service on 127.0.0.1 — DynamoDB Local, fauxqs, both simulators (unless
 * ATTIO_API_URL / ATTIO_APP_URL / PARTNERO_API_URL point elsewhere), the HTTP API with the
 * settings UI, and both sync workers. Prints what it serves, the admin token and calls to try;
 * the functions' JSON logs go to a file (`--verbose` shows them too). Ctrl-C stops everything.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AttioSimulator } from '../simulators/attio';
import type { PartneroSimulator } from '../simulators/partnero';
import { startBanner, startFailure } from './start-banner';
import { routeLogs } from './start-logs';

const usage = `npm start [-- --verbose]

Starts the whole service on 127.0.0.1 with both simulators and a demo program, and prints its settings link.
  --verbose   show every JSON log line on the console (they always go to the log file)
  --help      this text
Environment: PORT (API port, default 3000), ADMIN_API_TOKEN, LOG_FILE and the others in the README.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { verbose: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const apiPort = Number(process.env.PORT ?? 3000);
  // Before anything logs: the handlers' loggers write to stdout from the moment they load.
  const logs = routeLogs({
    file: process.env.LOG_FILE ?? join(__dirname, '..', '.local-data', 'npm-start.log.jsonl'),
    verbose: values.verbose === true,
  });
  const { startAttioSimulator } = await import('../simulators/attio');
  const { startPartneroSimulator } = await import('../simulators/partnero');
  const { seedDemoProgram } = await import('./demo-program');
  const { startLocalStack } = await import('./local-stack');

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logs.print(`\n${signal}: stopping…`);
    void stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    let attioApiUrl = process.env.ATTIO_API_URL;
    let attioAppUrl = process.env.ATTIO_APP_URL;
    let partneroApiUrl = process.env.PARTNERO_API_URL;
    const attio: AttioSimulator | undefined = attioApiUrl && attioAppUrl ? undefined : await startAttioSimulator();
    if (attio) {
      stoppers.push(() => attio.stop());
      attioApiUrl = attio.url;
      attioAppUrl = attio.url;
    }
    const partnero: PartneroSimulator | undefined = partneroApiUrl ? undefined : await startPartneroSimulator();
    if (partnero) {
      stoppers.push(() => partnero.stop());
      partneroApiUrl = partnero.url;
    }

    const secrets = localSecrets();
    const stack = await startLocalStack({
      apiPort,
      attioApiUrl: attioApiUrl as string,
      attioAppUrl: attioAppUrl as string,
      partneroApiUrl: partneroApiUrl as string,
      environment: secrets,
      scheduleTimers: true,
    });
    stoppers.push(() => stack.stop());
    const demo = await seedDemoProgram(stack, { attio, partnero });

    const banner = startBanner({
      apiUrl: stack.apiUrl,
      attio: {
        url: attioApiUrl as string,
        simulated: attio !== undefined,
        workspaceId: demo.attioWorkspaceId,
        workspaceName: demo.attioWorkspaceName,
      },
      partnero: { url: partneroApiUrl as string, simulated: partnero !== undefined },
      dynamoDbEndpoint: stack.dynamoDbEndpoint,
      sqsEndpoint: stack.sqsEndpoint,
      adminToken: secrets.ADMIN_API_TOKEN as string,
      adminTokenFromEnvironment: Boolean(process.env.ADMIN_API_TOKEN),
      demo,
      logFile: logs.file,
      verbose: values.verbose === true,
    });
    for (const line of banner) logs.print(line);
  } catch (error) {
    logs.print(`npm start could not start: ${startFailure(error, apiPort)}`);
    logs.print(`(details in ${logs.file})`);
    logs.record(
      JSON.stringify({
        level: 'ERROR',
        timestamp: new Date().toISOString(),
        message: 'npm start could not start',
        error:
          error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      }),
    );
    await stopAll();
    process.exit(1);
  }
}

/** Secrets for this run only: the local stand-ins for Secrets Manager and KMS. */
function localSecrets(): Record<string, string> {
  return {
    LOCAL_TOKEN_ENCRYPTION_KEY: process.env.LOCAL_TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    ATTIO_CLIENT_ID: process.env.ATTIO_CLIENT_ID ?? 'local-attio-client',
    ATTIO_CLIENT_SECRET: process.env.ATTIO_CLIENT_SECRET ?? randomBytes(24).toString('hex'),
    SETTINGS_LINK_SIGNING_KEY: process.env.SETTINGS_LINK_SIGNING_KEY ?? randomBytes(32).toString('hex'),
    ADMIN_API_TOKEN: process.env.ADMIN_API_TOKEN ?? randomBytes(24).toString('hex'),
  };
}

void main();
