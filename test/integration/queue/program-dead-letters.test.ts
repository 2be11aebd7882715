import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { RetryableError } from '../../../shared/errors';
import { replayDeadLetters } from '../../../shared/operations/dead-letter-replay';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { LocalTokenCipher } from '../../../shared/security/token-cipher';
import { statusReport, type StatusDependencies } from '../../../shared/settings/status-report';
import { AuditLog } from '../../../shared/sync/audit-log';
import { DeadLetterRecords } from '../../../shared/queue/dead-letter-records';
import { createQueueWorker, type ProcessedEvent } from '../../../shared/queue/queue-worker';
import type { SyncMessage } from '../../../shared/queue/sync-message';
import { localSqsClient, localSqsQueueClient } from '../../support/local-aws-clients';
import { freshSyncTable } from '../../support/sync-table-fixture';
import { runWorkerUntilIdle } from '../../support/run-worker-until-idle';

type PartnerEvent = { readonly event: 'partner.updated'; readonly partnerId: string; readonly fail: boolean };

describe('each program sees its own dead letters', () => {
  const sqs = localSqsClient();
  let close: () => void;
  let queue: { url: string; arn: string; deadLetterUrl: string };
  let deps: StatusDependencies;
  let records: DeadLetterRecords;

  beforeAll(async () => {
    const fixture = await freshSyncTable('dead-letters');
    close = fixture.close;
    queue = fixture.resources.queues['partnero-to-attio'];
    records = new DeadLetterRecords(fixture.table);
    const programs = new ProgramRepository(fixture.table);
    const refuse = () => {
      throw new Error('the status of a program without webhooks asks no provider');
    };
    deps = {
      programs,
      cipher: new LocalTokenCipher(randomBytes(32).toString('base64')),
      attio: { client: refuse, appUrl: 'http://attio.invalid', credentials: refuse },
      partnero: refuse,
      audit: new AuditLog(fixture.table),
      deadLetters: records,
    };
    const now = new Date().toISOString();
    for (const programId of ['prog-a', 'prog-b']) {
      await programs.putRegistration({
        programId,
        displayName: programId,
        partneroApiKeyCiphertext: 'unused',
        partneroWebhookKey: null,
        partneroWebhookSecretCiphertext: null,
        registeredAt: now,
        updatedAt: now,
      });
    }
  });
  afterAll(() => {
    close();
    sqs.destroy();
  });

  const processMessage = async (message: SyncMessage): Promise<ProcessedEvent> => {
    const event = message.event as PartnerEvent;
    if (event.fail) throw new RetryableError('attio answered 500');
    return {
      programId: message.programId,
      sourceEvent: event.event,
      sourceRecord: `partner:${event.partnerId}`,
      targetRecord: 'attio:people:r1',
      outcome: 'applied',
      reason: 'written',
    };
  };

  async function send(programId: string, partnerId: string, fail: boolean): Promise<void> {
    const deliveryKey = randomBytes(8).toString('hex');
    const event: PartnerEvent = { event: 'partner.updated', partnerId, fail };
    const message: SyncMessage = {
      programId,
      source: 'partnero',
      deliveryKey,
      receivedAt: new Date().toISOString(),
      event,
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: JSON.stringify(message),
        MessageGroupId: `${programId}:${partnerId}`,
        MessageDeduplicationId: deliveryKey,
      }),
    );
  }

  /** The worker as deployed, but dead-lettering at the first failure so the test takes seconds. */
  async function work(): Promise<void> {
    const handler = createQueueWorker(
      {
        direction: 'partnero-to-attio',
        startBatch: () => undefined,
        processMessage,
        describeMessage: (message) => ({
          sourceEvent: 'partner.updated',
          sourceRecord: `partner:${(message.event as PartnerEvent).partnerId}`,
        }),
      },
      {
        sqs: localSqsQueueClient(),
        audit: deps.audit,
        queueUrl: queue.url,
        deadLetterQueueUrl: queue.deadLetterUrl,
        maxReceiveCount: 1,
        deadLetters: records,
      },
    );
    await runWorkerUntilIdle({ sqs, queue, handler, idleWithinMs: 20_000 });
  }

  it("shows program B no dead letters while program A has one, and lists A's with its record, reason and time", async () => {
    // Prepare
    const before = Date.now();
    await send('prog-a', 'p-1', true);
    await send('prog-b', 'p-9', false);
    await work();
    // Act
    const [a, b] = await Promise.all([statusReport(deps, 'prog-a'), statusReport(deps, 'prog-b')]);
    // Assess
    expect(a.deadLetters).toEqual({ 'partnero-to-attio': 1, 'attio-to-partnero': 0 });
    expect(a.deadLettered?.entries).toEqual([
      expect.objectContaining({
        programId: 'prog-a',
        direction: 'partnero-to-attio',
        record: 'partner:p-1',
        sourceEvent: 'partner.updated',
        reason: 'RetryableError: attio answered 500',
      }),
    ]);
    expect(Date.parse(a.deadLettered?.entries[0]?.failedAt ?? '')).toBeGreaterThanOrEqual(before);
    expect(b.deadLetters).toEqual({ 'partnero-to-attio': 0, 'attio-to-partnero': 0 });
    expect(b.deadLettered).toEqual({ entries: [], more: false });
  });

  it('clears a dead letter once its record later syncs fine', async () => {
    // Prepare: A's partner p-1 is dead-lettered (above); a later event of the same partner applies.
    expect((await statusReport(deps, 'prog-a')).deadLetters['partnero-to-attio']).toBe(1);
    await send('prog-a', 'p-1', false);
    await work();
    // Act
    const first = await statusReport(deps, 'prog-a');
    const second = await records.open('prog-a');
    // Assess
    expect(first.deadLetters['partnero-to-attio']).toBe(0);
    expect(first.deadLettered?.entries).toEqual([]);
    expect(second.entries).toEqual([]);
  });

  it("clears a dead letter when an operator replays it, and only the replayed program's", async () => {
    // Prepare
    await send('prog-a', 'p-2', true);
    await send('prog-b', 'p-3', true);
    await work();
    expect((await statusReport(deps, 'prog-a')).deadLetters['partnero-to-attio']).toBe(1);
    // Act
    const replay = await replayDeadLetters({
      sqs,
      deadLetterQueueUrl: queue.deadLetterUrl,
      sourceQueueUrl: queue.url,
      programId: 'prog-a',
      dryRun: false,
      records,
    });
    // Assess
    expect(replay.replayed).toBeGreaterThanOrEqual(1);
    expect((await statusReport(deps, 'prog-a')).deadLettered?.entries).toEqual([]);
    expect((await statusReport(deps, 'prog-b')).deadLettered?.entries.map((entry) => entry.record)).toEqual([
      'partner:p-3',
    ]);
  });
});
