import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { lambdaContext } from '../../../local/event-source-mapping';
import { provisionLocalResources, type ProvisionedQueue } from '../../../local/provision';
import { createWebhookIngress } from '../../../shared/webhooks/webhook-ingress';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';
import { localAwsEndpoints, localSqsClient, uniquePrefix } from '../../support/local-aws-clients';

describe('createWebhookIngress', () => {
  const sqs = localSqsClient();
  const secret = 'program-secret';
  let queue: ProvisionedQueue;
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeAll(async () => {
    queue = (await provisionLocalResources({ ...localAwsEndpoints(), prefix: uniquePrefix('ingress') })).queues['partnero-to-attio'];
    handler = createWebhookIngress({
      provider: 'partnero',
      signatureHeader: 'signature',
      maxBodyBytes: 1024,
      schema: z.object({ event: z.string(), data: z.object({ id: z.string() }) }),
      secretFor: async (programId) => (programId === 'acme' ? secret : undefined),
      toMessages: (delivery, context) => [
        {
          groupId: `${context.programId}#${delivery.data.id}`,
          deduplicationId: hmacSha256Hex(context.rawBody, 'dedup'),
          message: { programId: context.programId, source: 'partnero', deliveryKey: 'k', receivedAt: context.receivedAt, event: delivery },
        },
      ],
      sqs,
      queueUrl: queue.url,
    });
  });
  afterAll(() => sqs.destroy());

  function post(programId: string, body: string, signature?: string): Promise<APIGatewayProxyStructuredResultV2> {
    const event = {
      version: '2.0',
      routeKey: 'POST /webhooks/partnero/{programId}',
      rawPath: `/webhooks/partnero/${programId}`,
      rawQueryString: '',
      headers: signature === undefined ? {} : { signature },
      pathParameters: { programId },
      body,
      isBase64Encoded: false,
      requestContext: {} as APIGatewayProxyEventV2['requestContext'],
    } as APIGatewayProxyEventV2;
    return handler(event, lambdaContext('ingress', 5000));
  }

  async function queued(): Promise<string[]> {
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 0 }));
    return (received.Messages ?? []).map((message) => message.Body ?? '');
  }

  const body = '{"event":"partner.created","data":{"id":"p1"}}';

  it('answers 401 to a forged or missing signature and enqueues nothing', async () => {
    await expect(post('acme', body, hmacSha256Hex(body, 'wrong'))).resolves.toMatchObject({ statusCode: 401 });
    await expect(post('acme', body)).resolves.toMatchObject({ statusCode: 401, body: expect.stringContaining('Missing signature header') });
    await expect(queued()).resolves.toEqual([]);
  });

  it('answers 404 for an unknown program, 413 for an oversized body and 400 with details for a bad body', async () => {
    await expect(post('nobody', body, hmacSha256Hex(body, secret))).resolves.toMatchObject({ statusCode: 404 });
    const big = JSON.stringify({ event: 'x', data: { id: 'p', pad: 'x'.repeat(2000) } });
    await expect(post('acme', big, hmacSha256Hex(big, secret))).resolves.toMatchObject({ statusCode: 413 });
    const bad = '{"event":"partner.created","data":{}}';
    const response = await post('acme', bad, hmacSha256Hex(bad, secret));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ details: [expect.stringContaining('data.id')] });
    await expect(queued()).resolves.toEqual([]);
  });

  it('answers 200 only with the delivery durably in the queue', async () => {
    // Act
    const response = await post('acme', body, hmacSha256Hex(body, secret));
    // Assess
    expect(response.statusCode).toBe(200);
    const messages = await queued();
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0] as string)).toMatchObject({ programId: 'acme', event: { data: { id: 'p1' } } });
  });
});
