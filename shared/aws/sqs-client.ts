import { SQSClient } from '@aws-sdk/client-sqs';

let client: SQSClient | undefined;

/**
 * One SQS client per container; the local stack points it at fauxqs via `AWS_ENDPOINT_URL_SQS`.
 * The SDK would otherwise send each call to the host in the QueueUrl, which in AWS is the same
 * regional endpoint anyway, and locally is a name fauxqs invents that does not resolve.
 */
export function sqsClient(): SQSClient {
  client ??= new SQSClient({ useQueueUrlAsEndpoint: false });
  return client;
}
