import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { errorResponse, jsonResponse } from '../http/api-responses';
import { logger, metrics } from '../observability/powertools';
import type { SyncMessage } from '../sync/sync-message';
import { isValidHmacSignature } from './verify-signature';

/** One message for the sync queue, with the FIFO group that orders it and its deduplication id. */
export interface QueueMessage {
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly message: SyncMessage;
}

export interface DeliveryContext {
  readonly programId: string;
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly receivedAt: string;
}

export interface WebhookIngressOptions<Delivery> {
  readonly provider: 'partnero' | 'attio';
  /** Lower-case name of the header carrying the hex HMAC-SHA256 of the raw body. */
  readonly signatureHeader: string;
  readonly maxBodyBytes: number;
  readonly schema: z.ZodType<Delivery>;
  /** The program's webhook secret, or undefined when the program is unknown (or not connected). */
  readonly secretFor: (programId: string) => Promise<string | undefined>;
  /** Splits an accepted delivery into queue messages (Attio may batch several events). */
  readonly toMessages: (delivery: Delivery, context: DeliveryContext) => QueueMessage[];
  readonly sqs: SQSClient;
  readonly queueUrl: string;
}

const programIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A webhook route: verify, validate, enqueue, answer. The signature is checked on the raw bytes
 * before anything else looks at the body; the answer is 2xx only once SQS has the messages,
 * so a 5xx makes the provider retry and nothing is lost. The route does nothing else, to stay
 * well inside Partnero's 5 s and Attio's delivery timeouts.
 */
export function createWebhookIngress<Delivery>(options: WebhookIngressOptions<Delivery>) {
  async function handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
    const programId = event.pathParameters?.programId ?? '';
    if (!programIdPattern.test(programId)) return errorResponse(404, 'Unknown program');

    const rawBody = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (Buffer.byteLength(rawBody, 'utf8') > options.maxBodyBytes) return errorResponse(413, `Body larger than ${options.maxBodyBytes} bytes`);

    const secret = await options.secretFor(programId);
    if (secret === undefined) {
      rejectMetric('UnknownProgram');
      return errorResponse(404, 'Unknown program');
    }
    if (!isValidHmacSignature(rawBody, event.headers[options.signatureHeader], secret)) {
      rejectMetric('SignatureRejected');
      logger.warn('webhook signature rejected', { provider: options.provider, programId, hasSignature: Boolean(event.headers[options.signatureHeader]) });
      return errorResponse(401, event.headers[options.signatureHeader] ? 'Invalid signature' : `Missing ${options.signatureHeader} header`);
    }

    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return errorResponse(400, 'Body is not valid JSON');
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
      return errorResponse(400, `Body does not match a ${options.provider} webhook delivery`, details);
    }

    const context: DeliveryContext = { programId, rawBody, headers: event.headers, receivedAt: new Date().toISOString() };
    const messages = options.toMessages(parsed.data, context);
    await enqueue(messages);
    logger.info('webhook accepted', { provider: options.provider, programId, messages: messages.length });
    return jsonResponse(200, { accepted: messages.length });
  }

  async function enqueue(messages: QueueMessage[]): Promise<void> {
    for (let index = 0; index < messages.length; index += 10) {
      const chunk = messages.slice(index, index + 10);
      const result = await options.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: chunk.map((entry, position) => ({
            Id: String(position),
            MessageBody: JSON.stringify(entry.message),
            MessageGroupId: entry.groupId,
            MessageDeduplicationId: sqsDeduplicationId(entry.deduplicationId),
          })),
        }),
      );
      if (result.Failed && result.Failed.length > 0) {
        // Thrown, so the route answers 5xx and the provider redelivers; the dedup ids make that safe.
        throw new Error(`SQS refused ${result.Failed.length} of ${chunk.length} messages: ${result.Failed.map((failure) => failure.Code).join(', ')}`);
      }
    }
  }

  function rejectMetric(name: string): void {
    const metric = metrics.singleMetric();
    metric.addDimension('provider', options.provider);
    metric.addMetric(name, MetricUnit.Count, 1);
  }

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: async (request) => {
        logger.error('webhook could not be accepted', { provider: options.provider, reason: request.error instanceof Error ? request.error.message : String(request.error) });
        request.response = errorResponse(503, 'Could not accept the delivery now; please retry');
      },
    })
    .handler(handle);
}

/** SQS deduplication ids allow 128 characters of a limited alphabet: hash anything longer or odd. */
export function sqsDeduplicationId(key: string): string {
  return /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/.test(key) ? key : createHash('sha256').update(key).digest('hex');
}

/** Groups ids are limited like dedup ids; keep them readable when they fit. */
export function sqsGroupId(...parts: string[]): string {
  return sqsDeduplicationId(parts.join('#'));
}
