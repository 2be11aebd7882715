import type {
  ChangeMessageVisibilityRequest,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  SendMessageBatchRequest,
  SendMessageBatchResult,
  SendMessageRequest,
  SendMessageResult,
} from '@aws-sdk/client-sqs';
import { AwsJsonService, sqsServiceDefinition } from './aws-json-service';
import type { SqsBatchSender } from './sqs-batch-sender';

/**
 * What the queue workers need of SQS: send one message (a dead letter, a throttled message sent
 * again), delay a retry, and read the queue's redrive policy; plus the batch send of the webhook
 * path. The request and answer types are the SDK's own (`import type`, erased from the bundle).
 */
export interface SqsQueueClient extends SqsBatchSender {
  sendMessage(input: SendMessageRequest): Promise<SendMessageResult>;
  changeMessageVisibility(input: ChangeMessageVisibilityRequest): Promise<void>;
  getQueueAttributes(input: GetQueueAttributesRequest): Promise<GetQueueAttributesResult>;
}

/**
 * Those calls over SQS's JSON protocol, signed by `aws4fetch` (see aws-json-service.ts), without
 * the SDK's SQS client and the Smithy core it brings (most of a worker's bundle beside the
 * DynamoDB client). Sent to the regional endpoint (or `AWS_ENDPOINT_URL_SQS`), never to the host
 * in the queue URL, as the SDK was configured (`useQueueUrlAsEndpoint: false`).
 */
export class JsonSqsQueueClient implements SqsQueueClient {
  constructor(private readonly service: AwsJsonService = new AwsJsonService(sqsServiceDefinition)) {}

  sendMessage(input: SendMessageRequest): Promise<SendMessageResult> {
    return this.service.call<SendMessageResult>('SendMessage', input);
  }

  async sendMessageBatch(input: SendMessageBatchRequest): Promise<SendMessageBatchResult> {
    const output = await this.service.call<SendMessageBatchResult>('SendMessageBatch', input);
    return { Successful: output.Successful ?? [], Failed: output.Failed ?? [] };
  }

  async changeMessageVisibility(input: ChangeMessageVisibilityRequest): Promise<void> {
    await this.service.call<object>('ChangeMessageVisibility', input);
  }

  getQueueAttributes(input: GetQueueAttributesRequest): Promise<GetQueueAttributesResult> {
    return this.service.call<GetQueueAttributesResult>('GetQueueAttributes', input);
  }
}

/** A client on an explicit endpoint and credentials (the local stack's tests). */
export function jsonSqsQueueClientAt(
  endpoint: string,
  region: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): JsonSqsQueueClient {
  return new JsonSqsQueueClient(
    new AwsJsonService(sqsServiceDefinition, {
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    }),
  );
}
