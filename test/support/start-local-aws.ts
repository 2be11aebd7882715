import { startLocalAws } from '../../local/aws/local-aws';

/**
 * One real DynamoDB Local and one fauxqs serve the whole integration run; each test
 * file provisions its own uniquely named tables and queues, so files never share state.
 */
export default async function startLocalAwsForTests(): Promise<void> {
  const localAws = await startLocalAws();
  (globalThis as { __localAws?: typeof localAws }).__localAws = localAws;
  process.env.LOCAL_DYNAMODB_ENDPOINT = localAws.dynamoDbEndpoint;
  process.env.LOCAL_SQS_ENDPOINT = localAws.sqsEndpoint;
}
