import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DocumentClient, DocumentCommand, DocumentOperation } from './dynamodb-document-client';

/** The SDK's document command for each of our operations. */
const sdkCommands = {
  GetItem: GetCommand,
  PutItem: PutCommand,
  UpdateItem: UpdateCommand,
  DeleteItem: DeleteCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  BatchGetItem: BatchGetCommand,
  BatchWriteItem: BatchWriteCommand,
  TransactWriteItems: TransactWriteCommand,
} satisfies Record<DocumentOperation, unknown>;

/**
 * The table's commands through the SDK's document client, for the operators' scripts: they run
 * where credentials come from a profile or SSO, which the SDK's default chain resolves and the
 * deployed functions' `JsonDocumentClient` (credentials from the environment only) does not.
 * Never imported by a deployed function: it would bring the SDK back into the bundle.
 */
export function sdkDocumentClient(raw: DynamoDBClient): DocumentClient & { destroy(): void } {
  const documents = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    send: async <Input extends object, Output extends object>(command: DocumentCommand<Input, Output>) => {
      const SdkCommand = sdkCommands[command.operation] as unknown as new (
        input: Input,
      ) => Parameters<typeof documents.send>[0];
      return (await documents.send(new SdkCommand(command.input))) as unknown as Output;
    },
    /** Closes the SDK client's sockets, so a script's process can end. */
    destroy: () => raw.destroy(),
  };
}
