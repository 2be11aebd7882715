import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import { defaultProgramSettings, programSettingsSchema, type ProgramSettings } from './program-settings';

/** A Partnero program registered by the platform team. Secrets are stored encrypted (see TokenCipher). */
export const programRegistrationSchema = z.object({
  programId: z.string(),
  displayName: z.string(),
  partneroApiKeyCiphertext: z.string(),
  partneroWebhookKey: z.string().nullable(),
  partneroWebhookSecretCiphertext: z.string().nullable(),
  registeredAt: z.string(),
  updatedAt: z.string(),
});
export type ProgramRegistration = z.infer<typeof programRegistrationSchema>;

/** The actor Attio reports for writes made with our token: how our own echoes are recognised. */
export const attioActorSchema = z.object({ type: z.string(), id: z.string() });
export type AttioActor = z.infer<typeof attioActorSchema>;

export const attioConnectionSchema = z.object({
  programId: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  accessTokenCiphertext: z.string(),
  authorizedByWorkspaceMemberId: z.string().nullable(),
  /** Null until learned from the sync's first write (see `shared/connect/own-actor-learning.ts`). */
  actor: attioActorSchema.nullable(),
  webhookId: z.string().nullable(),
  /** The actor the webhook's subscriptions already exclude (`actor.id not_equals`); absent or null until they do. */
  webhookFilteredActorId: z.string().nullable().optional(),
  webhookSecretCiphertext: z.string().nullable(),
  connectedAt: z.string(),
});
export type AttioConnection = z.infer<typeof attioConnectionSchema>;

const settingsItemSchema = z.object({ settings: programSettingsSchema, version: z.number().int(), updatedAt: z.string() });
export interface StoredSettings {
  readonly settings: ProgramSettings;
  /** Incremented at each save; 0 when the program still runs on the defaults. */
  readonly version: number;
  readonly updatedAt: string | null;
}

const keyAttributes = ['pk', 'sk', 'expiresAt'];

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !keyAttributes.includes(name)));
}

/** Programs, their Attio connection and their settings. */
export class ProgramRepository {
  constructor(private readonly table: SyncTable) {}

  async getRegistration(programId: string): Promise<ProgramRegistration | undefined> {
    const item = await this.get(programId, keys.program);
    return item ? programRegistrationSchema.parse(withoutKeys(item)) : undefined;
  }

  async putRegistration(registration: ProgramRegistration): Promise<void> {
    await this.put(registration.programId, keys.program, programRegistrationSchema.parse(registration));
  }

  async getAttioConnection(programId: string): Promise<AttioConnection | undefined> {
    const item = await this.get(programId, keys.attioConnection);
    return item ? attioConnectionSchema.parse(withoutKeys(item)) : undefined;
  }

  async putAttioConnection(connection: AttioConnection): Promise<void> {
    await this.put(connection.programId, keys.attioConnection, attioConnectionSchema.parse(connection));
  }

  /**
   * Stores the service's own Attio actor on the connection that began at `connectedAt`, unless
   * one is stored already: concurrent workers that each learned it agree on the first. Returns
   * the actor the connection now holds, or undefined when that connection is gone or replaced.
   */
  async recordAttioActor(programId: string, connectedAt: string, actor: AttioActor): Promise<AttioActor | undefined> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: keys.programPartition(programId), sk: keys.attioConnection },
          UpdateExpression: 'SET actor = :actor',
          ConditionExpression: 'connectedAt = :connectedAt AND (attribute_not_exists(actor) OR attribute_type(actor, :null))',
          ExpressionAttributeValues: { ':actor': attioActorSchema.parse(actor), ':connectedAt': connectedAt, ':null': 'NULL' },
        }),
      );
      return actor;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.getAttioConnection(programId);
      return current?.connectedAt === connectedAt ? (current.actor ?? undefined) : undefined;
    }
  }

  /** Notes that the connection's webhook now excludes this actor's events; a replaced connection or webhook is left alone. */
  async recordWebhookActorFilter(programId: string, connectedAt: string, webhookId: string, actorId: string): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: keys.programPartition(programId), sk: keys.attioConnection },
          UpdateExpression: 'SET webhookFilteredActorId = :actorId',
          ConditionExpression: 'connectedAt = :connectedAt AND webhookId = :webhookId',
          ExpressionAttributeValues: { ':actorId': actorId, ':connectedAt': connectedAt, ':webhookId': webhookId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async deleteAttioConnection(programId: string): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({ TableName: this.table.tableName, Key: { pk: keys.programPartition(programId), sk: keys.attioConnection } }),
    );
  }

  async getSettings(programId: string): Promise<StoredSettings> {
    const item = await this.get(programId, keys.settings);
    if (!item) return { settings: defaultProgramSettings(), version: 0, updatedAt: null };
    const stored = settingsItemSchema.parse(withoutKeys(item));
    return stored;
  }

  /**
   * Saves settings if nobody saved in between (optimistic concurrency on `version`), so two
   * tabs cannot silently overwrite each other. Returns the new version.
   */
  async saveSettings(programId: string, settings: ProgramSettings, expectedVersion: number, now: Date = new Date()): Promise<number> {
    const version = expectedVersion + 1;
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { pk: keys.programPartition(programId), sk: keys.settings, settings: programSettingsSchema.parse(settings), version, updatedAt: now.toISOString() },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
        ExpressionAttributeValues: expectedVersion === 0 ? undefined : { ':expected': expectedVersion },
      }),
    );
    return version;
  }

  /** Removes everything the service holds about a program: registration, connection, settings, links, claims, audit. */
  async deleteProgramData(programId: string): Promise<number> {
    let deleted = 0;
    for (const partition of [keys.programPartition(programId), keys.auditPartition(programId)]) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.table.client.send(
          new QueryCommand({
            TableName: this.table.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': partition },
            ProjectionExpression: 'pk, sk',
            ExclusiveStartKey: startKey,
          }),
        );
        const items = page.Items ?? [];
        for (let index = 0; index < items.length; index += 25) {
          const chunk = items.slice(index, index + 25);
          let requests: Record<string, unknown>[] | undefined = chunk.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
          // DynamoDB may leave part of a batch unprocessed under load; send the rest again.
          while (requests && requests.length > 0) {
            const result = await this.table.client.send(new BatchWriteCommand({ RequestItems: { [this.table.tableName]: requests } }));
            requests = result.UnprocessedItems?.[this.table.tableName] as Record<string, unknown>[] | undefined;
          }
          deleted += chunk.length;
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return deleted;
  }

  private async get(programId: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: { pk: keys.programPartition(programId), sk }, ConsistentRead: true }),
    );
    return result.Item;
  }

  private async put(programId: string, sk: string, attributes: Record<string, unknown>): Promise<void> {
    await this.table.client.send(
      new PutCommand({ TableName: this.table.tableName, Item: { pk: keys.programPartition(programId), sk, ...attributes } }),
    );
  }
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';
}
