import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsJsonService, AwsServiceError } from '../../../shared/aws/aws-json-service';
import { isConditionalCheckFailure, DynamoDbItemClient } from '../../../shared/aws/dynamodb-item-client';
import { KmsJsonClient } from '../../../shared/aws/kms-json-client';
import { SecretsManagerJsonClient } from '../../../shared/aws/secrets-manager-json-client';
import { JsonSqsBatchSender } from '../../../shared/aws/sqs-batch-sender';
import { KmsTokenCipher } from '../../../shared/security/token-cipher';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A local endpoint that records each request and answers from a script, one answer per request. */
async function endpoint(answers: { status: number; body: object }[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
      const answer = answers.shift() ?? { status: 500, body: { __type: 'NoMoreAnswers' } };
      response
        .writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const credentials = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
};
const noWait = async () => {};

// The services' protocol descriptions, as the adapters configure them.
const dynamoDbProtocol = {
  signingName: 'dynamodb',
  endpointEnvironmentSuffix: 'DYNAMODB',
  targetPrefix: 'DynamoDB_20120810',
  jsonVersion: '1.0',
} as const;
const kmsProtocol = {
  signingName: 'kms',
  endpointEnvironmentSuffix: 'KMS',
  targetPrefix: 'TrentService',
  jsonVersion: '1.1',
} as const;
const sqsProtocol = {
  signingName: 'sqs',
  endpointEnvironmentSuffix: 'SQS',
  targetPrefix: 'AmazonSQS',
  jsonVersion: '1.0',
} as const;

describe('signed AWS JSON-protocol client', () => {
  it('signs one POST with the target, the JSON version and the session token, at the configured endpoint', async () => {
    // Prepare
    const server = await endpoint([{ status: 200, body: { Successful: [{ Id: '0', MessageId: 'm-1' }] } }]);
    const sqs = new JsonSqsBatchSender(
      new AwsJsonService(sqsProtocol, { ...credentials, AWS_ENDPOINT_URL_SQS: server.url }, noWait),
    );
    // Act
    const result = await sqs.sendMessageBatch({
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q.fifo',
      Entries: [{ Id: '0', MessageBody: '{}', MessageGroupId: 'g' }],
    });
    await server.close();
    // Assess
    expect(result).toEqual({ Successful: [{ Id: '0', MessageId: 'm-1' }], Failed: [] });
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request!.headers['x-amz-target']).toBe('AmazonSQS.SendMessageBatch');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request!.headers['x-amz-security-token']).toBe('session');
    expect(request!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sqs\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request!.body).toMatchObject({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q.fifo' });
  });

  it('retries throttling (a 400) and a 5xx, then answers', async () => {
    const server = await endpoint([
      {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
          message: 'slow down',
        },
      },
      { status: 503, body: { __type: 'ServiceUnavailable' } },
      { status: 200, body: { Item: { pk: { S: 'p' }, n: { N: '2' } } } },
    ]);
    const items = new DynamoDbItemClient(
      new AwsJsonService(dynamoDbProtocol, { ...credentials, AWS_ENDPOINT_URL: server.url }, noWait),
    );
    const item = await items.getItem({
      TableName: 't',
      Key: { pk: 'p', sk: 's' },
      ConsistentRead: true,
      projection: ['n'],
    });
    await server.close();
    expect(item).toEqual({ pk: 'p', n: 2 });
    expect(server.received).toHaveLength(3);
    expect(server.received[0]!.body).toEqual({
      TableName: 't',
      Key: { pk: { S: 'p' }, sk: { S: 's' } },
      ConsistentRead: true,
      ProjectionExpression: '#a0',
      ExpressionAttributeNames: { '#a0': 'n' },
    });
  });

  it('retries a connection dropped before the answer, then answers', async () => {
    // Prepare: the first request's connection is cut without an answer.
    let requests = 0;
    const server = createServer((request, response) => {
      requests += 1;
      if (requests === 1) {
        request.socket.destroy();
        return;
      }
      request.resume();
      request.on('end', () => response.writeHead(200).end(JSON.stringify({ Successful: [], Failed: [] })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sqs = new JsonSqsBatchSender(
      new AwsJsonService(sqsProtocol, { ...credentials, AWS_ENDPOINT_URL: url }, noWait),
    );

    // Act
    const answer = await sqs.sendMessageBatch({ QueueUrl: `${url}/q.fifo`, Entries: [] });
    await new Promise<void>((resolve) => server.close(() => resolve()));

    // Assess
    expect(answer).toEqual({ Successful: [], Failed: [] });
    expect(requests).toBe(2);
  });

  it('does not retry a client error, and names it after the service code', async () => {
    const server = await endpoint([
      {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
          message: 'The conditional request failed',
        },
      },
    ]);
    const items = new DynamoDbItemClient(
      new AwsJsonService(dynamoDbProtocol, { ...credentials, AWS_ENDPOINT_URL_DYNAMODB: server.url }, noWait),
    );
    const failure = await items
      .putItem({
        TableName: 't',
        Item: { pk: 'p', sk: 's', gone: undefined },
        ConditionExpression: 'attribute_not_exists(pk)',
      })
      .catch((error: unknown) => error);
    await server.close();
    expect(failure).toBeInstanceOf(AwsServiceError);
    expect(isConditionalCheckFailure(failure)).toBe(true);
    expect((failure as AwsServiceError).message).toBe('The conditional request failed');
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.body.Item).toEqual({ pk: { S: 'p' }, sk: { S: 's' } });
  });

  it('gives up after three attempts and throws the last error', async () => {
    const server = await endpoint([
      { status: 500, body: { __type: 'InternalFailure' } },
      { status: 500, body: { __type: 'InternalFailure' } },
      { status: 500, body: { __type: 'InternalFailure' } },
    ]);
    const service = new AwsJsonService(kmsProtocol, { ...credentials, AWS_ENDPOINT_URL_KMS: server.url }, noWait);
    const failure = await service.call('Decrypt', {}).catch((error: unknown) => error);
    await server.close();
    expect(failure).toMatchObject({ name: 'InternalFailure', statusCode: 500 });
    expect(server.received).toHaveLength(3);
  });

  it('sends and reads KMS blobs base64-encoded, with the encryption context', async () => {
    const server = await endpoint([
      { status: 200, body: { Plaintext: Buffer.from('webhook-secret').toString('base64') } },
    ]);
    const cipher = new KmsTokenCipher(
      'key-1',
      new KmsJsonClient(new AwsJsonService(kmsProtocol, { ...credentials, AWS_ENDPOINT_URL_KMS: server.url }, noWait)),
    );
    const plaintext = await cipher.decrypt(`kms:${Buffer.from([1, 2, 3]).toString('base64')}`, {
      programId: 'p1',
      purpose: 'partnero-webhook-secret',
    });
    await server.close();
    expect(plaintext).toBe('webhook-secret');
    expect(server.received[0]!.headers['x-amz-target']).toBe('TrentService.Decrypt');
    expect(server.received[0]!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(server.received[0]!.body).toEqual({
      KeyId: 'key-1',
      CiphertextBlob: 'AQID',
      EncryptionContext: { programId: 'p1', purpose: 'partnero-webhook-secret' },
    });
  });

  it('reads a secret once per max age, and again once it is older', async () => {
    const server = await endpoint([
      { status: 200, body: { SecretString: '{"v":1}' } },
      { status: 200, body: { SecretString: '{"v":2}' } },
    ]);
    let now = 0;
    const secrets = new SecretsManagerJsonClient(
      new AwsJsonService(
        {
          signingName: 'secretsmanager',
          endpointEnvironmentSuffix: 'SECRETS_MANAGER',
          targetPrefix: 'secretsmanager',
          jsonVersion: '1.1',
        },
        { ...credentials, AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url },
        noWait,
      ),
      () => now,
    );
    const first = await secrets.secretString('arn:app', 300_000);
    now = 299_999;
    const cached = await secrets.secretString('arn:app', 300_000);
    now = 300_000;
    const reread = await secrets.secretString('arn:app', 300_000);
    await server.close();
    expect([first, cached, reread]).toEqual(['{"v":1}', '{"v":1}', '{"v":2}']);
    expect(server.received.map((request) => [request.headers['x-amz-target'], request.body])).toEqual([
      ['secretsmanager.GetSecretValue', { SecretId: 'arn:app' }],
      ['secretsmanager.GetSecretValue', { SecretId: 'arn:app' }],
    ]);
  });

  it('refuses to send without credentials in the environment', async () => {
    const service = new AwsJsonService(sqsProtocol, { AWS_REGION: 'eu-west-1' }, noWait);
    await expect(service.call('SendMessageBatch', {})).rejects.toThrow(/credentials are not in the environment/);
  });
});
