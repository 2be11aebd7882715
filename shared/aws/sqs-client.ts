import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SqsBatchSender } from './sqs-batch-sender';
import { JsonSqsQueueClient, type SqsQueueClient } from './sqs-queue-client';

let client: JsonSqsQueueClient | undefined;

/**
 * One SQS client per container, without the AWS SDK (`sqs-queue-client.ts`); the local stack
 * points it at fauxqs via `AWS_ENDPOINT_URL_SQS`. It sends every call to that endpoint or the
 * regional one, never to the host in the QueueUrl, which in AWS is the same regional endpoint
 * anyway, and locally is a name fauxqs invents that does not resolve.
 */
export function sqsClient(): SqsQueueClient {
  client ??= new JsonSqsQueueClient();
  return client;
}

/**
 * The batch sender over an SDK client, for callers that have one anyway and may run where the
 * credentials are not in the environment (the operators' scripts, with a profile or SSO).
 */
export function sdkSqsBatchSender(sqs: SQSClient): SqsBatchSender {
  return { sendMessageBatch: (input) => sqs.send(new SendMessageBatchCommand(input)) };
}
