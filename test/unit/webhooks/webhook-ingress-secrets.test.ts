import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { AttioConnection, ProgramRegistration } from '../../../shared/programs/program-repository';
import { WebhookSecretCache } from '../../../shared/programs/webhook-secrets';
import { interpretPartneroDelivery } from '../../../shared/partnero-to-attio/delivery-messages';
import type { TokenCipher } from '../../../shared/security/token-cipher';
import { createWebhookIngress } from '../../../shared/webhooks/webhook-ingress';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';

/**
 * The acknowledgement path's reads of the table: one GetItem of the registration on a cold
 * cache, none on a warm one, one more only when a signature does not match the cached secret
 * (so a rotated secret works at once), and one SQS send per understood delivery.
 */
function routeWithCountedReads() {
  const ciphertexts = new Map<string, string>([['p1', 'enc:first-secret']]);
  const counts = { reads: 0, sends: 0 };
  const programs = {
    getRegistration: async (programId: string) => {
      counts.reads += 1;
      const ciphertext = ciphertexts.get(programId);
      return ciphertext === undefined
        ? undefined
        : ({ programId, partneroWebhookSecretCiphertext: ciphertext } as unknown as ProgramRegistration);
    },
    getAttioConnection: async (): Promise<AttioConnection | undefined> => {
      throw new Error('the Partnero route never reads the Attio connection');
    },
  };
  const cipher: TokenCipher = {
    encrypt: async (plaintext) => `enc:${plaintext}`,
    decrypt: async (ciphertext) => ciphertext.replace(/^enc:/, ''),
  };
  const secrets = new WebhookSecretCache('partnero', programs, cipher);
  const sqs = {
    sendMessageBatch: async () => {
      counts.sends += 1;
      return { Successful: [], Failed: [] };
    },
  };
  const handler = createWebhookIngress({
    provider: 'partnero',
    signatureHeader: 'signature',
    maxBodyBytes: 1024,
    interpret: interpretPartneroDelivery,
    secretFor: (programId, options) => secrets.lookUp(programId, options),
    sqs,
    queueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/p2a.fifo',
    parked: {
      park: async () => {
        throw new Error('nothing is parked here');
      },
    },
    history: {
      record: async () => {
        throw new Error('nothing is recorded here');
      },
    },
  });
  return { ciphertexts, counts, handler };
}

const body = JSON.stringify({
  event: 'partner.updated',
  data: { id: 'partner-1', email: 'a@example.com', updated_at: '2026-01-01T00:00:00Z' },
});

function delivery(programId: string, secret: string, rawBody = body): APIGatewayProxyEventV2 {
  return {
    pathParameters: { programId },
    body: rawBody,
    isBase64Encoded: false,
    headers: { signature: hmacSha256Hex(rawBody, secret) },
  } as unknown as APIGatewayProxyEventV2;
}

const lambdaContext = { functionName: 'partnero-webhook', awsRequestId: 'r1' } as unknown as Context;

describe('webhook route: the secret behind its signature check', () => {
  it('reads once on a cold cache, not at all on a warm one, and sends once per delivery', async () => {
    const { counts, handler } = routeWithCountedReads();
    const first = await handler(delivery('p1', 'first-secret'), lambdaContext);
    const second = await handler(delivery('p1', 'first-secret'), lambdaContext);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(counts).toEqual({ reads: 1, sends: 2 });
  });

  it('accepts a delivery signed with a rotated secret at once, with one more read', async () => {
    const { ciphertexts, counts, handler } = routeWithCountedReads();
    await handler(delivery('p1', 'first-secret'), lambdaContext);
    ciphertexts.set('p1', 'enc:rotated-secret');
    const rotated = await handler(delivery('p1', 'rotated-secret'), lambdaContext);
    const after = await handler(delivery('p1', 'rotated-secret'), lambdaContext);
    expect([rotated.statusCode, after.statusCode]).toEqual([200, 200]);
    expect(counts.reads).toBe(2);
  });

  it('refuses a bad signature with 401 after one re-read, and an unknown program with 404', async () => {
    const { counts, handler } = routeWithCountedReads();
    await handler(delivery('p1', 'first-secret'), lambdaContext);
    const forged = await handler(delivery('p1', 'not-the-secret'), lambdaContext);
    expect(forged.statusCode).toBe(401);
    expect(counts.reads).toBe(2);
    const unknown = await handler(delivery('p2', 'first-secret'), lambdaContext);
    expect(unknown.statusCode).toBe(404);
    expect(counts.sends).toBe(1);
  });

  it('answers 413 for an oversized body without reading the table', async () => {
    const { counts, handler } = routeWithCountedReads();
    const oversized = await handler(delivery('p1', 'first-secret', 'x'.repeat(2048)), lambdaContext);
    expect(oversized.statusCode).toBe(413);
    expect(counts.reads).toBe(0);
  });
});
