import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { interpretPartneroDelivery } from '../../../shared/partnero-to-attio/delivery-messages';
import type { NewParkedDelivery } from '../../../shared/webhooks/parked-deliveries';
import { createWebhookIngress } from '../../../shared/webhooks/webhook-ingress';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';

/**
 * What the webhook route makes of a correctly signed body it must read with care: the bytes as
 * signed, bodies nested absurdly deep, ids too long for a table key. None is refused (a provider
 * retries anything but a 2xx) and none may end in a 5xx (retried forever): each is parked.
 */
const secret = 'partnero-webhook-secret';

function route() {
  const parked: NewParkedDelivery[] = [];
  const sent: unknown[] = [];
  const handler = createWebhookIngress({
    provider: 'partnero',
    signatureHeader: 'signature',
    maxBodyBytes: 128 * 1024,
    interpret: interpretPartneroDelivery,
    secretFor: async () => ({ secret, fromCache: false }),
    sqs: { sendMessageBatch: async (input: unknown) => (sent.push(input), { Successful: [], Failed: [] }) },
    queueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/p2a.fifo',
    parked: {
      park: async (delivery) => (
        parked.push(delivery),
        { ...delivery, parkedId: `parked-${parked.length}`, replayAttempts: 0, lastReplayAt: null }
      ),
    },
    history: { record: async (entry) => ({ ...entry, at: entry.at ?? '2026-01-01T00:00:00.000Z' }) },
  });
  return { handler, parked, sent };
}

function signed(bytes: Buffer, options: { base64?: boolean } = {}): APIGatewayProxyEventV2 {
  return {
    pathParameters: { programId: 'p1' },
    body: options.base64 ? bytes.toString('base64') : bytes.toString('utf8'),
    isBase64Encoded: options.base64 ?? false,
    headers: { signature: hmacSha256Hex(bytes, secret) },
  } as unknown as APIGatewayProxyEventV2;
}

const lambdaContext = { functionName: 'partnero-webhook', awsRequestId: 'r1' } as unknown as Context;
const partnerUpdated = (id: string) =>
  Buffer.from(
    JSON.stringify({
      event: 'partner.updated',
      data: { id, email: 'a@example.com', updated_at: '2026-01-01T00:00:00Z' },
    }),
  );

describe('webhook route: reading a signed body', () => {
  it('checks the HMAC over the bytes as sent, so a base64 body that is not valid UTF-8 is accepted (200, not 401)', async () => {
    // Prepare: a latin-1 "é" (0xe9) is not UTF-8; decoded to text first it became U+FFFD and the HMAC no longer matched.
    const { handler, parked } = route();
    const bytes = Buffer.concat([
      Buffer.from('{"event":"partner.updated","data":{"id":"p'),
      Buffer.from([0xe9]),
      Buffer.from('"}}'),
    ]);
    // Act
    const answer = await handler(signed(bytes, { base64: true }), lambdaContext);
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(parked).toHaveLength(0);
  });

  it('still refuses a base64 body whose signature covers other bytes (401)', async () => {
    // Prepare
    const { handler } = route();
    const event = signed(partnerUpdated('partner-1'), { base64: true });
    event.headers.signature = hmacSha256Hex(partnerUpdated('partner-2'), secret);
    // Act / Assess
    expect((await handler(event, lambdaContext)).statusCode).toBe(401);
  });

  it('acknowledges and parks a signed body nested 20,000 deep, instead of a 503 the provider retries forever', async () => {
    // Prepare
    const { handler, parked, sent } = route();
    const deep = Buffer.from(`{"event":"partner.updated","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    // Act
    const answer = await handler(signed(deep), lambdaContext);
    // Assess
    expect([answer.statusCode, JSON.parse(answer.body as string)]).toEqual([
      200,
      { accepted: 0, ignored: 0, parked: 1 },
    ]);
    expect(parked[0]?.reason).toBe('(too deep): the body nests deeper than 64 levels');
    expect(sent).toEqual([]);
  });

  it('parks a signed delivery whose id is too long for a table key, saying so, and queues nothing', async () => {
    // Prepare
    const { handler, parked, sent } = route();
    // Act
    const answer = await handler(signed(partnerUpdated('x'.repeat(2_000))), lambdaContext);
    // Assess
    expect(JSON.parse(answer.body as string)).toEqual({ accepted: 0, ignored: 0, parked: 1 });
    expect(parked[0]?.reason).toMatch(/data\.id: Too big: expected string to have <=200 characters/);
    expect(sent).toEqual([]);
  });

  it('queues an ordinary signed delivery', async () => {
    // Prepare
    const { handler, sent } = route();
    // Act
    const answer = await handler(signed(partnerUpdated('partner-1')), lambdaContext);
    // Assess
    expect(JSON.parse(answer.body as string)).toEqual({ accepted: 1, ignored: 0, parked: 0 });
    expect(sent).toHaveLength(1);
  });
});
