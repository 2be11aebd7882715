import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { provisionLocalResources, type ProvisionedQueue } from '../../../local/provision';
import { replayDeadLetters } from '../../../shared/operations/dead-letter-replay';
import type { SyncMessage } from '../../../shared/queue/sync-message';
import { localAwsEndpoints, localSqsClient, uniquePrefix } from '../../support/local-aws-clients';

const fixtures = join(__dirname, '../../fixtures');

describe('replayDeadLetters', () => {
  const sqs = localSqsClient();
  let queue: ProvisionedQueue;

  beforeEach(async () => {
    const resources = await provisionLocalResources({ ...localAwsEndpoints(), prefix: uniquePrefix('replay') });
    queue = resources.queues['partnero-to-attio'];
    for (const [index, programId] of ['acme', 'globex', 'acme'].entries()) {
      const message: SyncMessage = {
        programId,
        source: 'partnero',
        deliveryKey: `key-${index}`,
        receivedAt: 'now',
        event: { event: 'partner.updated' },
      };
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.deadLetterUrl,
          MessageBody: JSON.stringify(message),
          MessageGroupId: `${programId}#${index}`,
          MessageDeduplicationId: `d${index}`,
          MessageAttributes: {
            failureReason: { DataType: 'String', StringValue: 'RetryableError: attio answered 500' },
          },
        }),
      );
    }
  });
  afterAll(() => sqs.destroy());

  /** Replays (or, dry, lists) a program's dead letters from the queue's dead-letter queue to the queue itself. */
  const replayProgram = (programId: string, { dryRun }: { dryRun: boolean }) =>
    replayDeadLetters({ sqs, deadLetterQueueUrl: queue.deadLetterUrl, sourceQueueUrl: queue.url, programId, dryRun });

  async function drain(url: string): Promise<string[]> {
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    return (received.Messages ?? [])
      .map((message) => (JSON.parse(message.Body ?? '{}') as SyncMessage).deliveryKey)
      .sort();
  }

  it('shows in a dry run what would be replayed, with the reason, and changes nothing', async () => {
    // Act
    const result = await replayProgram('acme', { dryRun: true });
    // Assess
    expect(result.selected.map((message) => message.deliveryKey).sort()).toEqual(['key-0', 'key-2']);
    expect(result.selected[0]?.failureReason).toBe('RetryableError: attio answered 500');
    expect(result.replayed).toBe(0);
    await expect(drain(queue.url)).resolves.toEqual([]);
    await expect(drain(queue.deadLetterUrl)).resolves.toEqual(['key-0', 'key-1', 'key-2']);
  });

  it('names the event and the record behind each message in the dry run', async () => {
    // Prepare: a documented Partnero delivery and one Attio event, dead-lettered for another program.
    const partneroDelivery = JSON.parse(
      readFileSync(join(fixtures, 'partnero/webhook-delivery-partner-created.json'), 'utf8'),
    ) as unknown;
    const attioEvent = (
      JSON.parse(readFileSync(join(fixtures, 'attio/webhook-record-updated.json'), 'utf8')) as { events: unknown[] }
    ).events[0];
    const messages: SyncMessage[] = [
      { programId: 'initech', source: 'partnero', deliveryKey: 'p-1', receivedAt: 'now', event: partneroDelivery },
      { programId: 'initech', source: 'attio', deliveryKey: 'a-1', receivedAt: 'now', event: attioEvent },
    ];
    for (const [index, message] of messages.entries()) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.deadLetterUrl,
          MessageBody: JSON.stringify(message),
          MessageGroupId: `initech#${index}`,
          MessageDeduplicationId: `n${index}`,
        }),
      );
    }
    // Act
    const result = await replayProgram('initech', { dryRun: true });
    // Assess
    expect(
      result.selected
        .map(({ event, record }) => ({ event, record }))
        .sort((a, b) => String(a.event).localeCompare(String(b.event))),
    ).toEqual([
      { event: 'partner.created', record: 'partner:partner_123' },
      {
        event: 'record.updated',
        record: 'attio:97052eb9-e65e-443f-a297-f2d9a4a7f795:bf071e1f-6035-429d-b874-d83ea64ea13b',
      },
    ]);
  });

  it("replays one program's messages with their bodies unchanged and leaves the others", async () => {
    // Act
    const result = await replayProgram('acme', { dryRun: false });
    // Assess
    expect(result.replayed).toBe(2);
    await expect(drain(queue.url)).resolves.toEqual(['key-0', 'key-2']);
    await expect(drain(queue.deadLetterUrl)).resolves.toEqual(['key-1']);
  });
});
