import { AwsServiceError, type AwsJsonService } from '../../../shared/aws/aws-json-service';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  isConditionalCheckFailure,
  JsonDocumentClient,
  paginateQuery,
  PutCommand,
  TransactWriteCommand,
} from '../../../shared/aws/dynamodb-document-client';

/** A JSON-protocol service that records each call and answers from a script, one answer per call. */
function scriptedService(answers: object[]): {
  service: AwsJsonService;
  calls: { operation: string; input: Record<string, unknown> }[];
} {
  const calls: { operation: string; input: Record<string, unknown> }[] = [];
  const service = {
    call: (operation: string, input: Record<string, unknown>) => {
      calls.push({ operation, input: JSON.parse(JSON.stringify(input)) as Record<string, unknown> });
      return Promise.resolve(answers.shift() ?? {});
    },
  } as unknown as AwsJsonService;
  return { service, calls };
}

describe('the table document client without the SDK', () => {
  it('sends native keys and items as attribute values, leaving undefined values out', async () => {
    // Prepare
    const { service, calls } = scriptedService([{}]);
    const client = new JsonDocumentClient(service);
    // Act
    await client.send(
      new PutCommand({
        TableName: 't',
        Item: { pk: 'P#1', n: 3, gone: undefined, tags: ['a'] },
        ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
        ExpressionAttributeNames: { '#v': 'v' },
        ExpressionAttributeValues: { ':v': 2 },
      }),
    );
    // Assess
    expect(calls).toEqual([
      {
        operation: 'PutItem',
        input: {
          TableName: 't',
          Item: { pk: { S: 'P#1' }, n: { N: '3' }, tags: { L: [{ S: 'a' }] } },
          ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
          ExpressionAttributeNames: { '#v': 'v' },
          ExpressionAttributeValues: { ':v': { N: '2' } },
        },
      },
    ]);
  });

  it('answers a GetItem with the native item', async () => {
    // Prepare
    const { service, calls } = scriptedService([
      { Item: { pk: { S: 'P#1' }, writes: { N: '4' }, on: { BOOL: true } } },
    ]);
    // Act
    const answer = await new JsonDocumentClient(service).send(
      new GetCommand({ TableName: 't', Key: { pk: 'P#1', sk: 'S' }, ConsistentRead: true }),
    );
    // Assess
    expect(calls[0]).toEqual({
      operation: 'GetItem',
      input: { TableName: 't', Key: { pk: { S: 'P#1' }, sk: { S: 'S' } }, ConsistentRead: true },
    });
    expect(answer.Item).toEqual({ pk: 'P#1', writes: 4, on: true });
  });

  it('converts each part of a transaction, a batch write and a batch get, and their unprocessed answers', async () => {
    // Prepare
    const { service, calls } = scriptedService([
      {},
      { UnprocessedItems: { t: [{ DeleteRequest: { Key: { pk: { S: 'B' } } } }] } },
      {
        Responses: { t: [{ pk: { S: 'A' } }] },
        UnprocessedKeys: { t: { Keys: [{ pk: { S: 'C' } }], ConsistentRead: true } },
      },
    ]);
    const client = new JsonDocumentClient(service);
    // Act
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 't', Item: { pk: 'A' } } },
          {
            Update: {
              TableName: 't',
              Key: { pk: 'B' },
              UpdateExpression: 'SET v = :v',
              ExpressionAttributeValues: { ':v': 'x' },
            },
          },
        ],
      }),
    );
    const written = await client.send(
      new BatchWriteCommand({
        RequestItems: { t: [{ PutRequest: { Item: { pk: 'A' } } }, { DeleteRequest: { Key: { pk: 'B' } } }] },
      }),
    );
    const read = await client.send(
      new BatchGetCommand({ RequestItems: { t: { Keys: [{ pk: 'A' }, { pk: 'C' }], ConsistentRead: true } } }),
    );
    // Assess
    expect(calls.map((call) => call.input)).toEqual([
      {
        TransactItems: [
          { Put: { TableName: 't', Item: { pk: { S: 'A' } } } },
          {
            Update: {
              TableName: 't',
              Key: { pk: { S: 'B' } },
              UpdateExpression: 'SET v = :v',
              ExpressionAttributeValues: { ':v': { S: 'x' } },
            },
          },
        ],
      },
      {
        RequestItems: {
          t: [{ PutRequest: { Item: { pk: { S: 'A' } } } }, { DeleteRequest: { Key: { pk: { S: 'B' } } } }],
        },
      },
      { RequestItems: { t: { Keys: [{ pk: { S: 'A' } }, { pk: { S: 'C' } }], ConsistentRead: true } } },
    ]);
    expect(written.UnprocessedItems).toEqual({ t: [{ DeleteRequest: { Key: { pk: 'B' } } }] });
    expect(read.Responses).toEqual({ t: [{ pk: 'A' }] });
    expect(read.UnprocessedKeys).toEqual({ t: { Keys: [{ pk: 'C' }], ConsistentRead: true } });
  });

  it('pages a query until DynamoDB returns no LastEvaluatedKey', async () => {
    // Prepare
    const { service, calls } = scriptedService([
      { Items: [{ sk: { S: '1' } }], LastEvaluatedKey: { pk: { S: 'P' }, sk: { S: '1' } } },
      { Items: [{ sk: { S: '2' } }] },
    ]);
    const pages = paginateQuery(
      { client: new JsonDocumentClient(service) },
      { TableName: 't', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'P' } },
    );
    // Act
    const items: unknown[] = [];
    for await (const page of pages) items.push(...(page.Items ?? []));
    // Assess
    expect(items).toEqual([{ sk: '1' }, { sk: '2' }]);
    expect(calls.map((call) => call.input.ExclusiveStartKey)).toEqual([undefined, { pk: { S: 'P' }, sk: { S: '1' } }]);
  });

  it('names a refused condition and carries the cancellation reasons and the returned item, as the SDK does', () => {
    // Act
    const refused = new AwsServiceError('ConditionalCheckFailedException', 'The conditional request failed', 400, {
      __type: 'x#ConditionalCheckFailedException',
      Item: { window: { N: '7' } },
    });
    const cancelled = new AwsServiceError('TransactionCanceledException', 'cancelled', 400, {
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
    });
    const conflicted = new AwsServiceError('TransactionCanceledException', 'cancelled', 400, {
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
    // Assess: a transaction cancelled by one of its conditions is refused by its condition too; by a conflict, not
    expect(isConditionalCheckFailure(refused)).toBe(true);
    expect(isConditionalCheckFailure(cancelled)).toBe(true);
    expect(isConditionalCheckFailure(conflicted)).toBe(false);
    expect((refused as unknown as { Item: unknown }).Item).toEqual({ window: { N: '7' } });
    expect((cancelled as unknown as { CancellationReasons: unknown }).CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed' },
    ]);
    expect(refused.message).toBe('The conditional request failed');
  });
});
