import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { provisionLocalResources, type LocalResources } from '../../local/provision';
import { localAwsEndpoints, localDynamoDbClient, localSqsClient, uniquePrefix } from '../support/local-aws-clients';
import { runWorkerUntilIdle } from '../support/run-worker-until-idle';

describe('the local AWS the tests and the local stack run on', () => {
  const dynamo = localDynamoDbClient();
  const sqs = localSqsClient();
  let resources: LocalResources;

  beforeAll(async () => {
    resources = await provisionLocalResources({
      ...localAwsEndpoints(),
      prefix: uniquePrefix('foundation'),
      visibilityTimeoutSeconds: 1,
      maxReceiveCount: 2,
    });
  });

  afterAll(() => {
    dynamo.destroy();
    sqs.destroy();
  });

  it('writes an item to DynamoDB Local and reads it back', async () => {
    // Prepare
    const key = { pk: { S: 'PROGRAM#p1' }, sk: { S: 'META' } };
    // Act
    await dynamo.send(
      new PutItemCommand({ TableName: resources.syncTableName, Item: { ...key, name: { S: 'Demo' } } }),
    );
    const read = await dynamo.send(
      new GetItemCommand({ TableName: resources.syncTableName, Key: key, ConsistentRead: true }),
    );
    // Assess
    expect(read.Item?.name?.S).toBe('Demo');
  });

  it('runs a transaction whose condition fails as a whole', async () => {
    // Prepare
    const first = { pk: { S: 'PROGRAM#p2' }, sk: { S: 'LINK#a' } };
    const second = { pk: { S: 'PROGRAM#p2' }, sk: { S: 'LINK#b' } };
    await dynamo.send(new PutItemCommand({ TableName: resources.syncTableName, Item: second }));
    // Act
    const attempt = dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: resources.syncTableName, Item: first } },
          {
            Put: { TableName: resources.syncTableName, Item: second, ConditionExpression: 'attribute_not_exists(pk)' },
          },
        ],
      }),
    );
    // Assess
    await expect(attempt).rejects.toThrow(/Transaction cancelled/);
    const read = await dynamo.send(new GetItemCommand({ TableName: resources.syncTableName, Key: first }));
    expect(read.Item).toBeUndefined();
  });

  it('delivers batches to a worker, retries its failures and dead-letters a poison message with its body intact', async () => {
    // Prepare
    const queue = resources.queues['partnero-to-attio'];
    const attemptsByBody = new Map<string, number>();
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const failures = [];
      for (const record of event.Records) {
        const attempts = (attemptsByBody.get(record.body) ?? 0) + 1;
        attemptsByBody.set(record.body, attempts);
        const fails = record.body.includes('poison') || (record.body.includes('flaky') && attempts === 1);
        if (fails) failures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures: failures };
    };
    const bodies = ['{"kind":"fine"}', '{"kind":"flaky"}', '{"kind":"poison"}'];
    for (const [index, body] of bodies.entries()) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.url,
          MessageBody: body,
          MessageGroupId: `g${index}`,
          MessageDeduplicationId: `d${index}`,
        }),
      );
    }
    // Act
    await runWorkerUntilIdle({ sqs, queue, handler, idleWithinMs: 20_000, batchSize: 10 });
    // Assess
    expect(attemptsByBody.get('{"kind":"fine"}')).toBe(1);
    expect(attemptsByBody.get('{"kind":"flaky"}')).toBe(2);
    expect(attemptsByBody.get('{"kind":"poison"}')).toBe(2);
    const deadLettered = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(deadLettered.Messages?.map((message) => message.Body)).toEqual(['{"kind":"poison"}']);
  });

  it('treats a thrown handler error as a failure of the whole batch', async () => {
    // Prepare
    const queue = resources.queues['attio-to-partnero'];
    let invocations = 0;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'x',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'x',
      }),
    );
    // Act
    const handler = async () => {
      invocations += 1;
      if (invocations === 1) throw new Error('crashed mid-batch');
    };
    const stats = await runWorkerUntilIdle({ sqs, queue, handler, idleWithinMs: 20_000 });
    // Assess
    expect(invocations).toBe(2);
    expect(stats.handlerErrors).toBe(1);
    expect(stats.messagesDeleted).toBe(1);
  });
});
