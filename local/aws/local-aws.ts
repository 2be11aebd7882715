import { startDynamoDbLocal } from './dynamodb-local';
import { startSqsLocal } from './sqs-local';

export interface LocalAws {
  readonly dynamoDbEndpoint: string;
  readonly sqsEndpoint: string;
  stop(): Promise<void>;
}

/** Starts the real local DynamoDB and SQS side by side. */
export async function startLocalAws(): Promise<LocalAws> {
  const [dynamo, sqs] = await Promise.allSettled([startDynamoDbLocal(), startSqsLocal()]);
  if (dynamo.status === 'rejected' || sqs.status === 'rejected') {
    if (dynamo.status === 'fulfilled') await dynamo.value.stop();
    if (sqs.status === 'fulfilled') await sqs.value.stop();
    throw dynamo.status === 'rejected' ? dynamo.reason : (sqs as PromiseRejectedResult).reason;
  }
  return {
    dynamoDbEndpoint: dynamo.value.endpoint,
    sqsEndpoint: sqs.value.endpoint,
    stop: async () => {
      await Promise.all([dynamo.value.stop(), sqs.value.stop()]);
    },
  };
}
