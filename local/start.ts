/**
 * `npm start`: the whole service on 127.0.0.1 — DynamoDB Local, fauxqs, both simulators (unless
 * ATTIO_API_URL / ATTIO_APP_URL / PARTNERO_API_URL point elsewhere), the HTTP API with the
 * settings UI, and both sync workers. Prints what it serves; Ctrl-C stops everything.
 */
import { randomBytes } from 'node:crypto';
import { startAttioSimulator } from '../simulators/attio';
import { startPartneroSimulator } from '../simulators/partnero';
import { seedDemoProgram } from './demo-program';
import { startLocalStack } from './local-stack';

async function main(): Promise<void> {
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    let attioApiUrl = process.env.ATTIO_API_URL;
    let attioAppUrl = process.env.ATTIO_APP_URL;
    let partneroApiUrl = process.env.PARTNERO_API_URL;
    const attio = attioApiUrl && attioAppUrl ? undefined : await startAttioSimulator();
    if (attio) {
      stoppers.push(() => attio.stop());
      attioApiUrl = attio.url;
      attioAppUrl = attio.url;
    }
    const partnero = partneroApiUrl ? undefined : await startPartneroSimulator();
    if (partnero) {
      stoppers.push(() => partnero.stop());
      partneroApiUrl = partnero.url;
    }

    const stack = await startLocalStack({
      apiPort: Number(process.env.PORT ?? 3000),
      attioApiUrl: attioApiUrl as string,
      attioAppUrl: attioAppUrl as string,
      partneroApiUrl: partneroApiUrl as string,
      environment: localSecrets(),
      scheduleTimers: true,
    });
    stoppers.push(() => stack.stop());
    const demo = await seedDemoProgram(stack, { attio, partnero });

    console.log('Partnero ⇄ Attio sync, local stack');
    console.log(`  API (webhooks, OAuth, settings): ${stack.apiUrl}`);
    console.log(`  health:                          ${stack.apiUrl}/health`);
    console.log(`  Attio ${attio ? 'simulator' : 'API'}:                 ${attioApiUrl}`);
    console.log(`  Partnero ${partnero ? 'simulator' : 'API'}:              ${partneroApiUrl}`);
    console.log(`  DynamoDB Local: ${stack.dynamoDbEndpoint}   SQS (fauxqs): ${stack.sqsEndpoint}`);
    if (!process.env.ADMIN_API_TOKEN) console.log('  admin API: set ADMIN_API_TOKEN before npm start to call it yourself (this run uses a random one)');
    console.log(`Demo program "${demo.displayName}" (${demo.programId}) is registered. Its settings page, valid until ${demo.expiresAt}:`);
    console.log(`  ${demo.settingsLink}`);
    console.log('Ctrl-C to stop.');
  } catch (error) {
    console.error('the local stack could not start:', error);
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
