import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { BudgetExhaustedError, PermanentError, RateLimitedError, RetryableError } from '../../../shared/errors';
import { AuditLog } from '../../../shared/sync/audit-log';
import { createQueueWorker, type ProcessedEvent } from '../../../shared/queue/queue-worker';
import type { SyncMessage } from '../../../shared/queue/sync-message';
import { localSqsClient, localSqsQueueClient } from '../../support/local-aws-clients';
import { freshSyncTable } from '../../support/sync-table-fixture';
import { runWorkerUntilIdle } from '../../support/run-worker-until-idle';

type Behaviour = 'apply' | 'reject' | 'flaky' | 'always-fail' | 'rate-limited-once' | 'over-budget-5-times';

describe('createQueueWorker on the real local SQS and DynamoDB', () => {
  const sqs = localSqsClient();
  let audit: AuditLog;
  let close: () => void;
  let queue: { url: string; arn: string; deadLetterUrl: string };
  const calls = new Map<string, number>();

  beforeAll(async () => {
    const fixture = await freshSyncTable('worker');
    audit = new AuditLog(fixture.table);
    close = fixture.close;
    queue = fixture.resources.queues['partnero-to-attio'];
  });
  afterAll(() => {
    close();
    sqs.destroy();
  });

  const processMessage = async (message: SyncMessage): Promise<ProcessedEvent> => {
    const count = (calls.get(message.deliveryKey) ?? 0) + 1;
    calls.set(message.deliveryKey, count);
    const behaviour = (message.event as { behaviour: Behaviour }).behaviour;
    if (behaviour === 'reject')
      throw new PermanentError('attio:value_not_found', 'attio answered 400 value_not_found: no such option');
    if (behaviour === 'flaky' && count === 1) throw new RetryableError('attio answered 503');
    if (behaviour === 'rate-limited-once' && count === 1) throw new RateLimitedError('attio', 1000);
    if (behaviour === 'always-fail') throw new RetryableError('attio answered 500');
    if (behaviour === 'over-budget-5-times' && count <= 5)
      throw new BudgetExhaustedError('attio', 'attio:ws-1:write', 200);
    return {
      programId: message.programId,
      sourceEvent: 'partner.updated',
      sourceRecord: `partner:${message.deliveryKey}`,
      targetRecord: 'attio:people:r1',
      outcome: 'applied',
      reason: 'written',
    };
  };

  async function send(deliveryKey: string, behaviour: Behaviour, messageId = deliveryKey): Promise<void> {
    const message: SyncMessage = {
      programId: 'prog-1',
      source: 'partnero',
      deliveryKey,
      receivedAt: new Date().toISOString(),
      event: { event: 'partner.updated', behaviour },
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: JSON.stringify(message),
        MessageGroupId: deliveryKey,
        MessageDeduplicationId: messageId,
      }),
    );
  }

  async function run(): Promise<void> {
    const handler = createQueueWorker(
      { direction: 'partnero-to-attio', startBatch: () => undefined, processMessage },
      {
        sqs: localSqsQueueClient(),
        audit,
        queueUrl: queue.url,
        deadLetterQueueUrl: queue.deadLetterUrl,
        maxReceiveCount: 3,
      },
    );
    await runWorkerUntilIdle({ sqs, queue, handler, idleWithinMs: 40_000 });
  }

  // No idempotency record: a delivery that comes again as a new message is the domain's to
  // recognise (a link, a version, a claim: see the header of queue-worker.ts), with its own audit entry.
  it('hands a delivery that arrives again as a second message to the domain again, each with its audit entry', async () => {
    // Prepare
    await send('delivery-a', 'apply', 'message-1');
    await send('delivery-a', 'apply', 'message-2');
    // Act
    await run();
    // Assess
    expect(calls.get('delivery-a')).toBe(2);
    const history = await audit.listRecent('prog-1', { sourceRecord: 'partner:delivery-a' });
    expect(history.entries.map((entry) => entry.outcome)).toEqual(['applied', 'applied']);
  });

  it('records an unfixable provider error as rejected with its message and does not retry it', async () => {
    // Prepare
    await send('delivery-b', 'reject');
    // Act
    await run();
    // Assess
    expect(calls.get('delivery-b')).toBe(1);
    const history = await audit.listRecent('prog-1', { sourceRecord: 'partnero:delivery-b' });
    expect(history.entries).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: expect.stringContaining('value_not_found') }),
    ]);
  });

  it('retries transient failures and rate limits until they succeed', async () => {
    // Prepare
    await send('delivery-c', 'flaky');
    await send('delivery-d', 'rate-limited-once');
    // Act
    await run();
    // Assess
    expect(calls.get('delivery-c')).toBe(2);
    expect(calls.get('delivery-d')).toBe(2);
  });

  it('puts a message over its budget back until its slot more often than the receive limit, and never dead-letters it', async () => {
    // Prepare: five refusals against a maxReceiveCount of 3.
    await send('delivery-f', 'over-budget-5-times');
    // Act
    await run();
    // Assess
    expect(calls.get('delivery-f')).toBe(6);
    const history = await audit.listRecent('prog-1', { sourceRecord: 'partner:delivery-f' });
    expect(history.entries.map((entry) => entry.outcome)).toEqual(['applied']);
    const deadLettered = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl, WaitTimeSeconds: 0 }),
    );
    expect(deadLettered.Messages ?? []).toEqual([]);
  });

  it('moves a message that keeps failing to the DLQ with its reason and its body intact', async () => {
    // Prepare
    await send('delivery-e', 'always-fail');
    // Act
    await run();
    // Assess
    expect(calls.get('delivery-e')).toBe(3);
    const deadLettered = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );
    const message = deadLettered.Messages?.[0];
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({ deliveryKey: 'delivery-e' });
    expect(message?.MessageAttributes?.failureReason?.StringValue).toBe('RetryableError: attio answered 500');
    const history = await audit.listRecent('prog-1', { sourceRecord: 'partnero:delivery-e' });
    expect(history.entries.map((entry) => entry.outcome)).toEqual(['failed']);
  });

  it('dead-letters a message that is not a sync message at once, without calling the domain', async () => {
    // Prepare
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'not json',
        MessageGroupId: 'junk',
        MessageDeduplicationId: 'junk',
      }),
    );
    // Act
    await run();
    // Assess
    const deadLettered = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );
    expect(deadLettered.Messages?.[0]?.Body).toBe('not json');
    expect(deadLettered.Messages?.[0]?.MessageAttributes?.failureReason?.StringValue).toMatch(/malformed/);
  });
});
