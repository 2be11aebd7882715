import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { syncTableDefinition } from '../shared/store/table-definitions';
import {
  deadLetterQueueNameFor,
  deliveryDelaySecondsOf,
  HIGH_THROUGHPUT_FIFO,
  MAX_RECEIVE_COUNT,
  queueNameFor,
  syncDirections,
  type SyncDirection,
} from '../shared/queue/sync-queues';
import { localCredentials, LOCAL_REGION } from './aws/local-credentials';

export interface ProvisionedQueue {
  readonly url: string;
  readonly arn: string;
  readonly deadLetterUrl: string;
  readonly deadLetterArn: string;
}

export interface LocalResources {
  readonly syncTableName: string;
  readonly queues: Record<SyncDirection, ProvisionedQueue>;
}

export interface ProvisionOptions {
  readonly dynamoDbEndpoint: string;
  readonly sqsEndpoint: string;
  /** Distinguishes the resources of one test file or one local stack from any other. */
  readonly prefix: string;
  /** Short locally so that failed messages come back quickly; 6x the function timeout in AWS. */
  readonly visibilityTimeoutSeconds?: number;
  readonly maxReceiveCount?: number;
  /**
   * The Attio event window: the Attio -> Partnero queue's delivery delay (`deliveryDelaySecondsOf`;
   * fauxqs holds FIFO messages back by the queue's DelaySeconds as SQS does). Unset: no delay.
   */
  readonly attioEventWindowSeconds?: number;
}

/** Creates the tables and queues of the stack in the local emulators, as the CDK stack does in AWS. */
export async function provisionLocalResources(options: ProvisionOptions): Promise<LocalResources> {
  const dynamo = new DynamoDBClient({
    endpoint: options.dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
  });
  const sqs = new SQSClient({ endpoint: options.sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  try {
    const syncTableName = `${options.prefix}-sync`;
    await createTable(
      dynamo,
      {
        TableName: syncTableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: syncTableDefinition.partitionKey, AttributeType: 'S' },
          { AttributeName: syncTableDefinition.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: syncTableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: syncTableDefinition.sortKey, KeyType: 'RANGE' },
        ],
      },
      syncTableDefinition.timeToLiveAttribute,
    );

    const queues = {} as Record<SyncDirection, ProvisionedQueue>;
    for (const direction of syncDirections) {
      queues[direction] = await createQueueWithDeadLetterQueue(sqs, options, direction);
    }
    return { syncTableName, queues };
  } finally {
    dynamo.destroy();
    sqs.destroy();
  }
}

async function createTable(
  dynamo: DynamoDBClient,
  input: CreateTableCommandInput,
  timeToLiveAttribute: string,
): Promise<void> {
  await dynamo.send(new CreateTableCommand(input));
  await dynamo.send(
    new UpdateTimeToLiveCommand({
      TableName: input.TableName,
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
    }),
  );
}

async function createQueueWithDeadLetterQueue(
  sqs: SQSClient,
  options: ProvisionOptions,
  direction: SyncDirection,
): Promise<ProvisionedQueue> {
  const deadLetter = await sqs.send(
    new CreateQueueCommand({
      QueueName: deadLetterQueueNameFor(options.prefix, direction),
      Attributes: { FifoQueue: 'true', MessageRetentionPeriod: String(14 * 24 * 3600) },
    }),
  );
  const deadLetterArn = await queueArn(sqs, deadLetter.QueueUrl as string);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: queueNameFor(options.prefix, direction),
      Attributes: {
        FifoQueue: 'true',
        DeduplicationScope: HIGH_THROUGHPUT_FIFO.deduplicationScope,
        FifoThroughputLimit: HIGH_THROUGHPUT_FIFO.fifoThroughputLimit,
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 2),
        DelaySeconds: String(deliveryDelaySecondsOf(direction, options.attioEventWindowSeconds ?? 0)),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: deadLetterArn,
          maxReceiveCount: options.maxReceiveCount ?? MAX_RECEIVE_COUNT,
        }),
      },
    }),
  );
  return {
    url: queue.QueueUrl as string,
    arn: await queueArn(sqs, queue.QueueUrl as string),
    deadLetterUrl: deadLetter.QueueUrl as string,
    deadLetterArn,
  };
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return attributes.Attributes?.QueueArn as string;
}
