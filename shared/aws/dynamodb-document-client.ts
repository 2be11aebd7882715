import type {
  BatchGetCommandInput,
  BatchGetCommandOutput as SdkBatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput as SdkQueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { AwsJsonService, dynamoDbServiceDefinition } from './aws-json-service';

/**
 * The table's document layer: the operations the repositories use, with native JavaScript values
 * in and out, sent over DynamoDB's JSON protocol by `AwsJsonService` (signed by `aws4fetch`)
 * instead of the SDK's `DynamoDBDocumentClient`. The SDK's DynamoDB client, its Smithy core and
 * middleware stack were about 200 kB of every function's bundle (issue 15's 400 kB target): what
 * the repositories ask of it is a handful of operations whose requests are plain JSON.
 *
 * It keeps the SDK's shape so the repositories read as before: `client.send(new GetCommand(input))`
 * with the SDK's own input and output types (`import type`, erased from the bundle), values
 * converted by `@aws-sdk/util-dynamodb` (the library the document client itself uses) with
 * `removeUndefinedValues`, as the service always configured it. Failures are `AwsServiceError`s
 * named after DynamoDB's code (`ConditionalCheckFailedException`, `TransactionCanceledException`)
 * carrying the answer's fields as the SDK's exceptions do (`CancellationReasons`, and the raw
 * `Item` of `ReturnValuesOnConditionCheckFailure`), so callers decide by `name`.
 *
 * Where the credentials are not in the environment (operators' scripts with a profile or SSO),
 * `sdk-document-client.ts` serves the same commands through the SDK.
 */

type Native = Record<string, NativeAttributeValue>;
type Metadata = '$metadata';

/** Answers as the repositories read them (the SDK's types without its request metadata). */
export type BatchGetCommandOutput = Omit<SdkBatchGetCommandOutput, Metadata>;
export type QueryCommandOutput = Omit<SdkQueryCommandOutput, Metadata>;

export type DocumentOperation =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'Scan'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'TransactWriteItems';

/** A request to the table: its DynamoDB operation and its input; `Output` types the answer. */
export abstract class DocumentCommand<Input extends object, Output extends object> {
  abstract readonly operation: DocumentOperation;
  /** Type-only: lets `send` infer the answer's type from the command. */
  declare readonly output?: Output;
  constructor(readonly input: Input) {}
}

export class GetCommand extends DocumentCommand<GetCommandInput, Omit<GetCommandOutput, Metadata>> {
  readonly operation = 'GetItem';
}
export class PutCommand extends DocumentCommand<PutCommandInput, Omit<PutCommandOutput, Metadata>> {
  readonly operation = 'PutItem';
}
export class UpdateCommand extends DocumentCommand<UpdateCommandInput, Omit<UpdateCommandOutput, Metadata>> {
  readonly operation = 'UpdateItem';
}
export class DeleteCommand extends DocumentCommand<DeleteCommandInput, Omit<DeleteCommandOutput, Metadata>> {
  readonly operation = 'DeleteItem';
}
export class QueryCommand extends DocumentCommand<QueryCommandInput, QueryCommandOutput> {
  readonly operation = 'Query';
}
export class ScanCommand extends DocumentCommand<ScanCommandInput, Omit<ScanCommandOutput, Metadata>> {
  readonly operation = 'Scan';
}
export class BatchGetCommand extends DocumentCommand<BatchGetCommandInput, BatchGetCommandOutput> {
  readonly operation = 'BatchGetItem';
}
export class BatchWriteCommand extends DocumentCommand<
  BatchWriteCommandInput,
  Omit<BatchWriteCommandOutput, Metadata>
> {
  readonly operation = 'BatchWriteItem';
}
export class TransactWriteCommand extends DocumentCommand<
  TransactWriteCommandInput,
  Omit<TransactWriteCommandOutput, Metadata>
> {
  readonly operation = 'TransactWriteItems';
}

/** What a repository needs of the table. */
export interface DocumentClient {
  send<Input extends object, Output extends object>(command: DocumentCommand<Input, Output>): Promise<Output>;
}

export class JsonDocumentClient implements DocumentClient {
  constructor(private readonly service: AwsJsonService = new AwsJsonService(dynamoDbServiceDefinition)) {}

  async send<Input extends object, Output extends object>(command: DocumentCommand<Input, Output>): Promise<Output> {
    const answer = await this.service.call<Record<string, unknown>>(
      command.operation,
      marshallInput(command.input as Record<string, unknown>),
    );
    return unmarshallOutput(answer) as Output;
  }
}

/** Pages of a query, following `LastEvaluatedKey` (the SDK's `paginateQuery`, for this client). */
export async function* paginateQuery(
  config: { client: DocumentClient },
  input: QueryCommandInput,
): AsyncGenerator<QueryCommandOutput> {
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await config.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Pages of a scan, following `LastEvaluatedKey` (the SDK's `paginateScan`, for this client). */
export async function* paginateScan(
  config: { client: DocumentClient },
  input: ScanCommandInput,
): AsyncGenerator<Omit<ScanCommandOutput, Metadata>> {
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await config.client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * A conditional write refused by its condition (also when the SDK's client answered): a single
 * write's `ConditionalCheckFailedException`, or a transaction cancelled because one of its
 * conditions failed (any other cancellation reason, a conflict or a throttle, is not one).
 */
export function isConditionalCheckFailure(error: unknown): boolean {
  const named = error as { name?: unknown; CancellationReasons?: { Code?: string }[] } | undefined;
  if (named?.name === 'ConditionalCheckFailedException') return true;
  return (
    named?.name === 'TransactionCanceledException' &&
    (named.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

// --- Conversion between native values and DynamoDB's attribute values -----------------------------
// Which fields hold an item, a key or expression values, per the DynamoDB API reference; the rest
// of a request (names, expressions, options) is sent as it is.

const toAttributes = (value: unknown) => marshall(value as Native, { removeUndefinedValues: true });
const fromAttributes = (value: unknown) => unmarshall(value as Parameters<typeof unmarshall>[0]);

/** Fields of a request (or of one of its parts) that hold a whole item or key. */
const itemFields = ['Item', 'Key', 'ExclusiveStartKey', 'ExpressionAttributeValues'] as const;

function mapFields(
  part: Record<string, unknown>,
  fields: readonly string[],
  convert: (value: unknown) => unknown,
): Record<string, unknown> {
  const converted: Record<string, unknown> = { ...part };
  for (const field of fields) if (converted[field] !== undefined) converted[field] = convert(converted[field]);
  return converted;
}

function mapEntries(record: unknown, convert: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((record ?? {}) as Record<string, unknown>).map(([name, value]) => [name, convert(value)]),
  );
}

type RequestItem = { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } };
type TransactItem = Partial<Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', Record<string, unknown>>>;
type KeysAndAttributes = { Keys?: unknown[] } & Record<string, unknown>;

function convertWriteRequest(request: RequestItem, convert: (value: unknown) => unknown): RequestItem {
  return {
    ...(request.PutRequest && { PutRequest: { Item: convert(request.PutRequest.Item) } }),
    ...(request.DeleteRequest && { DeleteRequest: { Key: convert(request.DeleteRequest.Key) } }),
  };
}

function convertKeysAndAttributes(entry: KeysAndAttributes, convert: (value: unknown) => unknown): KeysAndAttributes {
  return { ...entry, ...(entry.Keys && { Keys: entry.Keys.map(convert) }) };
}

function marshallInput(input: Record<string, unknown>): Record<string, unknown> {
  const request = mapFields(input, itemFields, toAttributes);
  if (input.RequestItems !== undefined) {
    request.RequestItems = mapEntries(input.RequestItems, (entry) =>
      Array.isArray(entry)
        ? (entry as RequestItem[]).map((write) => convertWriteRequest(write, toAttributes))
        : convertKeysAndAttributes(entry as KeysAndAttributes, toAttributes),
    );
  }
  if (Array.isArray(input.TransactItems)) {
    request.TransactItems = (input.TransactItems as TransactItem[]).map((item) =>
      Object.fromEntries(
        Object.entries(item).map(([kind, part]) => [kind, mapFields(part!, itemFields, toAttributes)]),
      ),
    );
  }
  return request;
}

function unmarshallOutput(answer: Record<string, unknown>): Record<string, unknown> {
  const output = mapFields(answer, ['Item', 'Attributes', 'LastEvaluatedKey'], fromAttributes);
  if (Array.isArray(answer.Items)) output.Items = answer.Items.map(fromAttributes);
  if (answer.Responses !== undefined)
    output.Responses = mapEntries(answer.Responses, (items) => (items as unknown[]).map(fromAttributes));
  if (answer.UnprocessedKeys !== undefined)
    output.UnprocessedKeys = mapEntries(answer.UnprocessedKeys, (entry) =>
      convertKeysAndAttributes(entry as KeysAndAttributes, fromAttributes),
    );
  if (answer.UnprocessedItems !== undefined)
    output.UnprocessedItems = mapEntries(answer.UnprocessedItems, (writes) =>
      (writes as RequestItem[]).map((write) => convertWriteRequest(write, fromAttributes)),
    );
  return output;
}

let sharedClient: JsonDocumentClient | undefined;

/** One client per container. */
export function jsonDocumentClient(): JsonDocumentClient {
  sharedClient ??= new JsonDocumentClient();
  return sharedClient;
}

/** A client on an explicit endpoint and credentials (the local stack's tests and benchmarks). */
export function jsonDocumentClientAt(
  endpoint: string,
  region: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): JsonDocumentClient {
  return new JsonDocumentClient(
    new AwsJsonService(dynamoDbServiceDefinition, {
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    }),
  );
}
