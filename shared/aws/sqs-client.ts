import { SQSClient } from '@aws-sdk/client-sqs';

let client: SQSClient | undefined;

/** One SQS client per container; the local stack points it at fauxqs via `AWS_ENDPOINT_URL_SQS`. */
export function sqsClient(): SQSClient {
  client ??= new SQSClient({});
  return client;
}
