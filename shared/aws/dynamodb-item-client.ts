import type { GetItemInput, PutItemInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { AwsJsonService, AwsServiceError } from './aws-json-service';

type Item = Record<string, NativeAttributeValue>;
type AttributeValues = NonNullable<GetItemInput['Key']>;

/**
 * DynamoDB `GetItem` and `PutItem` over its JSON protocol, signed by `aws4fetch` (see
 * aws-json-service.ts): what a webhook route writes and reads of the table (the secret's item,
 * a parked delivery, a history entry) without the SDK's DynamoDB and document clients. Items
 * are converted as the document client converts them (`@aws-sdk/util-dynamodb`, the same
 * library it uses, with `removeUndefinedValues` as `sync-table.ts` sets it).
 */
export class DynamoDbItemClient {
  constructor(
    private readonly service: AwsJsonService = new AwsJsonService({
      signingName: 'dynamodb',
      endpointEnvironmentSuffix: 'DYNAMODB',
      targetPrefix: 'DynamoDB_20120810',
      jsonVersion: '1.0',
    }),
  ) {}

  /** `projection`: the attributes to fetch (all when absent), named through placeholders so no reserved word trips it. */
  async getItem(input: {
    TableName: string;
    Key: Item;
    ConsistentRead?: boolean;
    projection?: readonly string[];
  }): Promise<Item | undefined> {
    const names = input.projection?.map((name, index) => [`#a${index}`, name] as const);
    const request: GetItemInput = {
      TableName: input.TableName,
      Key: marshall(input.Key),
      ConsistentRead: input.ConsistentRead,
      ...(names && {
        ProjectionExpression: names.map(([placeholder]) => placeholder).join(', '),
        ExpressionAttributeNames: Object.fromEntries(names),
      }),
    };
    const output = await this.service.call<{ Item?: AttributeValues }>('GetItem', request);
    return output.Item ? unmarshall(output.Item as Parameters<typeof unmarshall>[0]) : undefined;
  }

  /** Throws an `AwsServiceError` named `ConditionalCheckFailedException` when the condition fails (see `isConditionalCheckFailure`). */
  async putItem(input: { TableName: string; Item: Item; ConditionExpression?: string }): Promise<void> {
    const request: PutItemInput = {
      TableName: input.TableName,
      Item: marshall(input.Item, { removeUndefinedValues: true }),
      ConditionExpression: input.ConditionExpression,
    };
    await this.service.call<object>('PutItem', request);
  }
}

export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof AwsServiceError && error.name === 'ConditionalCheckFailedException';
}

let client: DynamoDbItemClient | undefined;

/** One client per container. */
export function dynamoDbItemClient(): DynamoDbItemClient {
  client ??= new DynamoDbItemClient();
  return client;
}
