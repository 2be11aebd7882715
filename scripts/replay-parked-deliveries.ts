/**
 * Replays webhook deliveries the service acknowledged but could not read (parked: an unknown
 * event type, an unexpected shape, a body that is not JSON), once a release understands them.
 * Dry run first, always: it shows what the service as deployed now would do with each one.
 *
 *   npm run replay-parked -- --dry-run
 *   npm run replay-parked -- --provider partnero --program acme
 *
 * The table and queues come from the environment variables the functions use (SYNC_TABLE_NAME,
 * PARTNERO_TO_ATTIO_QUEUE_URL, ATTIO_TO_PARTNERO_QUEUE_URL) or from --table / --partnero-queue-url
 * / --attio-queue-url (the stack outputs them).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { DEFAULT_ATTIO_EVENT_WINDOW_SECONDS } from '../shared/attio-to-partnero/attio-event-deduplication';
import { interpretAttioDelivery } from '../shared/attio-to-partnero/delivery-messages';
import { ENV } from '../shared/config/environment-names';
import { replayParkedDeliveries, type ParkedReplayRoute } from '../shared/operations/parked-delivery-replay';
import type { DeliveryInterpreter } from '../shared/webhooks/delivery-interpretation';
import { interpretPartneroDelivery } from '../shared/partnero-to-attio/delivery-messages';
import { sdkSyncTable } from '../shared/store/sdk-sync-table';
import { AuditLog } from '../shared/sync/audit-log';
import { ParkedDeliveryStore, webhookProviders, type WebhookProvider } from '../shared/webhooks/parked-deliveries';
import { sdkSqsBatchSender } from '../shared/aws/sqs-client';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      provider: { type: 'string' },
      program: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      table: { type: 'string' },
      'partnero-queue-url': { type: 'string' },
      'attio-queue-url': { type: 'string' },
      max: { type: 'string', default: '1000' },
    },
  });
  const provider = values.provider as WebhookProvider | undefined;
  if (provider !== undefined && !webhookProviders.includes(provider))
    throw new Error(`--provider must be one of ${webhookProviders.join(', ')}`);
  const tableName = values.table ?? process.env[ENV.syncTableName];
  if (!tableName) throw new Error(`set --table (or ${ENV.syncTableName})`);
  const queueUrls: Record<WebhookProvider, string | undefined> = {
    partnero: values['partnero-queue-url'] ?? process.env[ENV.partneroToAttioQueueUrl],
    attio: values['attio-queue-url'] ?? process.env[ENV.attioToPartneroQueueUrl],
  };
  const interpreters: Record<WebhookProvider, DeliveryInterpreter> = {
    partnero: interpretPartneroDelivery,
    // The window only matters while SQS remembers the ids of a window (5 minutes): a parked
    // delivery, replayed later with its own receipt time, is queued afresh whatever the stage's.
    attio: (body, context) => interpretAttioDelivery(body, context, DEFAULT_ATTIO_EVENT_WINDOW_SECONDS),
  };
  const routes: Partial<Record<WebhookProvider, ParkedReplayRoute>> = {};
  for (const name of provider ? [provider] : webhookProviders) {
    const queueUrl = queueUrls[name];
    if (!queueUrl)
      throw new Error(
        `set --${name}-queue-url (or ${name === 'partnero' ? ENV.partneroToAttioQueueUrl : ENV.attioToPartneroQueueUrl}), or choose another --provider`,
      );
    routes[name] = { interpret: interpreters[name], queueUrl };
  }

  const table = sdkSyncTable(tableName);
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const result = await replayParkedDeliveries({
    store: new ParkedDeliveryStore(table),
    history: new AuditLog(table),
    sqs: sdkSqsBatchSender(sqs),
    routes,
    programId: values.program,
    dryRun: values['dry-run'] ?? false,
    maxDeliveries: Number(values.max),
  });
  // Bodies are not printed: they are the providers' data, and the table keeps them.
  console.table(result.entries);
  console.log(
    values['dry-run']
      ? `dry run: ${result.entries.filter((entry) => entry.outcome !== 'still-unreadable').length} delivery(ies) would be replayed; nothing was changed`
      : `replayed ${result.replayed} delivery(ies); ${result.stillParked} still parked`,
  );
  sqs.destroy();
  table.client.destroy();
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
