/**
 * Replays a sync direction's dead-letter queue. Dry run first, always:
 *
 *   npm run replay -- --direction partnero-to-attio --dry-run
 *   npm run replay -- --direction partnero-to-attio --program acme
 *
 * Queue URLs come from the same environment variables the functions use (PARTNERO_TO_ATTIO_QUEUE_URL,
 * PARTNERO_TO_ATTIO_DLQ_URL, ...) or from --queue-url / --dlq-url (the stack outputs them). With the
 * sync table (SYNC_TABLE_NAME or --table) each replayed message is also cleared from its program's
 * dead letters on the Status tab; without it they clear once the record syncs fine.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { ENV } from '../shared/config/environment-names';
import { replayDeadLetters } from '../shared/operations/dead-letter-replay';
import { sdkSyncTable } from '../shared/store/sdk-sync-table';
import { DeadLetterRecords } from '../shared/queue/dead-letter-records';
import { syncDirections, type SyncDirection } from '../shared/queue/sync-queues';

const usage = `Replays a sync direction's dead-letter queue back onto its sync queue.

  npm run replay -- --direction <partnero-to-attio|attio-to-partnero> --dry-run   list what would be replayed
  npm run replay -- --direction partnero-to-attio [--program <id>] [--max 1000]  replay

Options:
  --direction   which sync queue (required)
  --program     only this program's messages; the rest stay in the dead-letter queue
  --dry-run     list the messages (event, record, failure reason) and change nothing
  --queue-url   the sync queue (default: PARTNERO_TO_ATTIO_QUEUE_URL / ATTIO_TO_PARTNERO_QUEUE_URL)
  --dlq-url     its dead-letter queue (default: PARTNERO_TO_ATTIO_DLQ_URL / ATTIO_TO_PARTNERO_DLQ_URL)
  --max         at most this many messages (default 1000)
  --help        this text

A replayed message keeps its delivery key, so whatever was already applied is not applied again.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      direction: { type: 'string' },
      program: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'queue-url': { type: 'string' },
      'dlq-url': { type: 'string' },
      table: { type: 'string' },
      max: { type: 'string', default: '1000' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const direction = values.direction as SyncDirection | undefined;
  if (!direction || !syncDirections.includes(direction))
    throw new Error(`--direction must be one of ${syncDirections.join(', ')} (see npm run replay -- --help)`);
  const names =
    direction === 'partnero-to-attio'
      ? { queue: ENV.partneroToAttioQueueUrl, dlq: ENV.partneroToAttioDeadLetterQueueUrl }
      : { queue: ENV.attioToPartneroQueueUrl, dlq: ENV.attioToPartneroDeadLetterQueueUrl };
  const sourceQueueUrl = values['queue-url'] ?? process.env[names.queue];
  const deadLetterQueueUrl = values['dlq-url'] ?? process.env[names.dlq];
  if (!sourceQueueUrl || !deadLetterQueueUrl)
    throw new Error(`set --queue-url and --dlq-url (or ${names.queue} and ${names.dlq})`);

  const tableName = values.table ?? process.env[ENV.syncTableName];
  if (!tableName)
    console.warn(
      `no --table (or ${ENV.syncTableName}): the programs' Status tabs list replayed messages until their records sync`,
    );

  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const result = await replayDeadLetters({
    sqs,
    sourceQueueUrl,
    deadLetterQueueUrl,
    programId: values.program,
    dryRun: values['dry-run'] ?? false,
    maxMessages: Number(values.max),
    records: tableName ? new DeadLetterRecords(sdkSyncTable(tableName)) : undefined,
  });
  console.table(
    result.selected.map(({ messageId, programId, event, record, failureReason, failedAt }) => ({
      messageId,
      programId,
      event,
      record,
      failureReason,
      failedAt,
    })),
  );
  console.log(
    values['dry-run']
      ? `dry run: ${result.selected.length} message(s) would be replayed; nothing was changed`
      : `replayed ${result.replayed} message(s); ${result.leftInDeadLetterQueue} left in the dead-letter queue`,
  );
  sqs.destroy();
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
