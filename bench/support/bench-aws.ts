import { startLocalAws } from '../../local/aws/local-aws';

export interface BenchAws {
  readonly dynamoDbEndpoint: string;
  readonly sqsEndpoint: string;
  /** Stops the emulators this bench started; nothing when it reused the test run's. */
  stop(): Promise<void>;
}

/**
 * The local DynamoDB and SQS a benchmark runs against: inside `npm test` the smoke runs reuse the
 * emulators of the jest globalSetup (their endpoints are in the environment); alone, it starts its own.
 */
export async function benchAws(): Promise<BenchAws> {
  const dynamoDbEndpoint = process.env.LOCAL_DYNAMODB_ENDPOINT;
  const sqsEndpoint = process.env.LOCAL_SQS_ENDPOINT;
  if (dynamoDbEndpoint && sqsEndpoint) return { dynamoDbEndpoint, sqsEndpoint, stop: async () => undefined };
  const own = await startLocalAws();
  return { dynamoDbEndpoint: own.dynamoDbEndpoint, sqsEndpoint: own.sqsEndpoint, stop: () => own.stop() };
}
