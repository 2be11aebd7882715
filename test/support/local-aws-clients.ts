import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { localCredentials, LOCAL_REGION } from '../../local/aws/local-credentials';
import { jsonSqsQueueClientAt, type SqsQueueClient } from '../../shared/aws/sqs-queue-client';

/** Endpoints of the emulators started by the integration project's globalSetup. */
export function localAwsEndpoints(): { dynamoDbEndpoint: string; sqsEndpoint: string } {
  const dynamoDbEndpoint = process.env.LOCAL_DYNAMODB_ENDPOINT;
  const sqsEndpoint = process.env.LOCAL_SQS_ENDPOINT;
  if (!dynamoDbEndpoint || !sqsEndpoint)
    throw new Error('local AWS is not running: integration tests need the jest globalSetup');
  return { dynamoDbEndpoint, sqsEndpoint };
}

export function localDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: localAwsEndpoints().dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
  });
}

export function localSqsClient(): SQSClient {
  return new SQSClient({
    endpoint: localAwsEndpoints().sqsEndpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
  });
}

/** The workers' own SQS client (without the SDK), on the run's fauxqs. */
export function localSqsQueueClient(): SqsQueueClient {
  return jsonSqsQueueClientAt(localAwsEndpoints().sqsEndpoint, LOCAL_REGION, localCredentials);
}

/** A prefix no other test file uses, so each file gets its own tables and queues. */
export function uniquePrefix(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}
