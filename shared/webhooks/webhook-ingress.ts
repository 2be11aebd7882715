import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { SqsBatchSender } from '../aws/sqs-batch-sender';
import { errorResponse, jsonResponse } from '../http/api-responses';
import { httpHandler } from '../http/http-handler';
import { logger, metrics } from '../observability/powertools';
import { settleDelivery, type DeliveryHistory } from './delivery-settlement';
import { interpretRawDelivery, type DeliveryContext, type DeliveryInterpreter } from './delivery-interpretation';
import type { ParkedDeliveryStore, WebhookProvider } from './parked-deliveries';
import type { WebhookSecretLookup } from '../programs/webhook-secrets';
import { isValidHmacSignature } from './verify-signature';

export type { DeliveryContext } from './delivery-interpretation';

export interface WebhookIngressOptions {
  readonly provider: WebhookProvider;
  /** Lower-case name of the header carrying the hex HMAC-SHA256 of the raw body. */
  readonly signatureHeader: string;
  readonly maxBodyBytes: number;
  /** What the signed body asks: queue messages, events to ignore, events it cannot read. */
  readonly interpret: DeliveryInterpreter;
  /**
   * The program's webhook secret (undefined when the program is unknown or not connected), and
   * whether it came from a cache; `refresh` asks past the cache (see WebhookSecretCache).
   */
  readonly secretFor: (programId: string, options?: { refresh?: boolean }) => Promise<WebhookSecretLookup>;
  readonly sqs: SqsBatchSender;
  readonly queueUrl: string;
  /** Where a delivery it cannot read is kept for replay. */
  readonly parked: Pick<ParkedDeliveryStore, 'park'>;
  /** The sync history, for what is ignored or parked. */
  readonly history: DeliveryHistory;
}

const programIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A webhook route: verify, interpret, enqueue, answer.
 *
 *   programId malformed / unknown ─────────────────────────────▶ 404
 *   body larger than maxBodyBytes ─────────────────────────────▶ 413
 *   signature missing or wrong (on the raw bytes) ─────────────▶ 401
 *   signed ──▶ understood events: queued                      ─┐
 *              (unreadable includes: not JSON, nested > 64 deep, ids too long for a table key)
 *              documented events the sync does not use: history ├─▶ 200 (5xx only if SQS or DynamoDB fail)
 *              anything it cannot read: parked + history      ─┘
 *
 * A signed delivery is never refused for what it says: both providers retry anything but a 2xx
 * (Attio marks the webhook degraded, then inactive), and a retry would say the same. What the
 * service cannot read yet is kept, with its reason, for an operator to replay. The answer is 2xx
 * only once SQS and the table have what they must keep, so a 5xx makes the provider retry and
 * nothing is lost. The route does nothing else, to stay inside Partnero's 5 s and Attio's timeouts.
 */
export function createWebhookIngress(options: WebhookIngressOptions) {
  async function handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
    const programId = event.pathParameters?.programId ?? '';
    if (!programIdPattern.test(programId)) return errorResponse(404, 'Unknown program');

    // The bytes as the provider sent and signed them. API Gateway base64-encodes a body it does not take
    // for text; decoding that to a string first would turn invalid UTF-8 into U+FFFD and break the HMAC.
    const rawBytes =
      event.body === undefined ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    if (rawBytes.length > options.maxBodyBytes)
      return errorResponse(413, `Body larger than ${options.maxBodyBytes} bytes`);

    const signature = event.headers[options.signatureHeader];
    let lookup = await options.secretFor(programId);
    // A cached secret that does not match may have been rotated: read it once more before refusing.
    if (lookup.fromCache && lookup.secret !== undefined && !isValidHmacSignature(rawBytes, signature, lookup.secret)) {
      lookup = await options.secretFor(programId, { refresh: true });
    }
    const secret = lookup.secret;
    if (secret === undefined) {
      countMetric('UnknownProgram');
      return errorResponse(404, 'Unknown program');
    }
    if (!isValidHmacSignature(rawBytes, signature, secret)) {
      countMetric('SignatureRejected');
      logger.warn('webhook signature rejected', {
        provider: options.provider,
        programId,
        hasSignature: Boolean(event.headers[options.signatureHeader]),
      });
      return errorResponse(
        401,
        event.headers[options.signatureHeader] ? 'Invalid signature' : `Missing ${options.signatureHeader} header`,
      );
    }

    // Verified: now read as text (invalid UTF-8 then fails as "not JSON" and is parked, never refused).
    const context: DeliveryContext = {
      programId,
      rawBody: rawBytes.toString('utf8'),
      headers: event.headers,
      receivedAt: new Date().toISOString(),
    };
    const interpretation = interpretRawDelivery(options.interpret, context);
    const settled = await settleDelivery(options.provider, interpretation, context, options);
    if (settled.parked) {
      logger.warn('webhook delivery parked', {
        provider: options.provider,
        programId,
        parkedId: settled.parked.parkedId,
        reason: settled.parked.reason,
      });
    }
    // DEBUG, not INFO: one line per delivery is a cost on every request; the queue and the history have it.
    logger.debug('webhook acknowledged', {
      provider: options.provider,
      programId,
      queued: settled.queued,
      ignored: settled.ignored,
      parked: settled.parked !== undefined,
    });
    return jsonResponse(200, { accepted: settled.queued, ignored: settled.ignored, parked: settled.parked ? 1 : 0 });
  }

  function countMetric(name: string): void {
    const metric = metrics.singleMetric();
    metric.addDimension('provider', options.provider);
    metric.addMetric(name, MetricUnit.Count, 1);
  }

  return httpHandler(handle, {
    failure: 'webhook could not be accepted',
    answer: () => errorResponse(503, 'Could not accept the delivery now; please retry'),
    describe: (error) => ({
      provider: options.provider,
      reason: error instanceof Error ? error.message : String(error),
    }),
  });
}
