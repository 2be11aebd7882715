import type { SendMessageBatchRequest, SendMessageBatchResult } from '@aws-sdk/client-sqs';
import { AwsJsonService } from './aws-json-service';

/** What the webhook routes (and the operators' replays, backfill and reconciliation) need of SQS: one batch send. */
export interface SqsBatchSender {
  sendMessageBatch(input: SendMessageBatchRequest): Promise<SendMessageBatchResult>;
}

/**
 * `SendMessageBatch` over SQS's JSON protocol, signed by `aws4fetch` (see aws-json-service.ts):
 * the webhook path's one SQS call without the SDK's client. The types are the SDK's own
 * (`import type`, erased from the bundle), so the request is the one the SDK would send.
 * Sent to the regional endpoint (or `AWS_ENDPOINT_URL_SQS`), never to the host in the queue URL,
 * as `sqs-client.ts` configures the SDK.
 */
export class JsonSqsBatchSender implements SqsBatchSender {
  constructor(
    private readonly service: AwsJsonService = new AwsJsonService({
      signingName: 'sqs',
      endpointEnvironmentSuffix: 'SQS',
      targetPrefix: 'AmazonSQS',
      jsonVersion: '1.0',
    }),
  ) {}

  async sendMessageBatch(input: SendMessageBatchRequest): Promise<SendMessageBatchResult> {
    const output = await this.service.call<SendMessageBatchResult>('SendMessageBatch', input);
    return { Successful: output.Successful ?? [], Failed: output.Failed ?? [] };
  }
}

let sender: JsonSqsBatchSender | undefined;

/** One sender per container. */
export function sqsBatchSender(): SqsBatchSender {
  sender ??= new JsonSqsBatchSender();
  return sender;
}
