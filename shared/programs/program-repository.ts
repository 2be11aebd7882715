import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  isConditionalCheckFailure,
} from '../aws/dynamodb-document-client';
import * as z from 'zod';
import { keys } from '../store/keys';
import { auditPartitions } from '../sync/audit-log';
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

/**
 * What connect (and each Save) found in the workspace, read-only: the scopes the token was
 * granted and those of the service's it lacks, and the objects the settings need that the
 * workspace does not have (Deals until an admin enables it, a custom object since deleted).
 */
export const attioWorkspaceCheckSchema = z.object({
  grantedScopes: z.array(z.string()),
  missingScopes: z.array(z.string()),
  missingObjects: z.array(z.string()),
  checkedAt: z.string(),
});
export type AttioWorkspaceCheck = z.infer<typeof attioWorkspaceCheckSchema>;

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
  /** Absent on connections stored before connect checked the workspace: nothing known to be missing. */
  workspaceCheck: attioWorkspaceCheckSchema.optional(),
});
export type AttioConnection = z.infer<typeof attioConnectionSchema>;

const settingsItemSchema = z.object({
  settings: programSettingsSchema,
  version: z.number().int(),
  updatedAt: z.string(),
  syncStartedAt: z.string().nullable().optional(),
});
export interface StoredSettings {
  readonly settings: ProgramSettings;
  /** Incremented at each save; 0 when the program has never been saved (the defaults). */
  readonly version: number;
  readonly updatedAt: string | null;
  /**
   * When the program's first Save started its sync; null before it. Until then neither worker
   * writes to either side (see `shared/programs/sync-readiness.ts`).
   */
  readonly syncStartedAt: string | null;
}

/** One program in the directory the admin API lists: what identifies it, never a key or secret. */
export const programDirectoryEntrySchema = z.object({
  programId: z.string(),
  displayName: z.string(),
  registeredAt: z.string(),
  updatedAt: z.string(),
});
export type ProgramDirectoryEntry = z.infer<typeof programDirectoryEntrySchema>;

export interface ProgramDirectoryPage {
  readonly programs: ProgramDirectoryEntry[];
  /** The id of the last program of this page; pass it as `after` for the next page. Null on the last page. */
  readonly nextAfter: string | null;
}

const keyAttributes = ['pk', 'sk', 'expiresAt'];

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !keyAttributes.includes(name)));
}

function storedSettingsOf(item: Record<string, unknown> | undefined): StoredSettings {
  if (!item) return { settings: defaultProgramSettings(), version: 0, updatedAt: null, syncStartedAt: null };
  const stored = settingsItemSchema.parse(withoutKeys(item));
  // Settings saved before the sync started at Save belong to programs whose sync was already
  // running (it started at connect then): they count as started when they were saved.
  return { ...stored, syncStartedAt: stored.syncStartedAt === undefined ? stored.updatedAt : stored.syncStartedAt };
}

/** Programs, their Attio connection and their settings. */
export class ProgramRepository {
  constructor(private readonly table: SyncTable) {}

  async getRegistration(programId: string): Promise<ProgramRegistration | undefined> {
    const item = await this.get(programId, keys.program);
    return item ? programRegistrationSchema.parse(withoutKeys(item)) : undefined;
  }

  /** Stores the registration and its directory entry (written together, so a listed program always has a registration). */
  async putRegistration(registration: ProgramRegistration): Promise<void> {
    const parsed = programRegistrationSchema.parse(registration);
    const entry = programDirectoryEntrySchema.parse({
      programId: parsed.programId,
      displayName: parsed.displayName,
      registeredAt: parsed.registeredAt,
      updatedAt: parsed.updatedAt,
    });
    await this.table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table.tableName,
              Item: { pk: keys.programPartition(parsed.programId), sk: keys.program, ...parsed },
            },
          },
          {
            Put: {
              TableName: this.table.tableName,
              Item: { pk: keys.programDirectoryPartition, sk: keys.programDirectoryEntry(parsed.programId), ...entry },
            },
          },
        ],
      }),
    );
  }

  /**
   * Registered programs in id order, one page at a time: one Query on the directory partition,
   * never a scan of the table. `after` is the id the previous page ended with.
   */
  async listPrograms(options: { readonly limit: number; readonly after?: string }): Promise<ProgramDirectoryPage> {
    const programs: ProgramDirectoryEntry[] = [];
    let startKey: Record<string, unknown> | undefined =
      options.after === undefined
        ? undefined
        : { pk: keys.programDirectoryPartition, sk: keys.programDirectoryEntry(options.after) };
    // Ask for one more than the page holds: whether it comes back says whether a next page exists.
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.programDirectoryPartition,
            ':prefix': keys.programDirectoryEntry(''),
          },
          ExclusiveStartKey: startKey,
          Limit: options.limit + 1 - programs.length,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) programs.push(programDirectoryEntrySchema.parse(withoutKeys(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey && programs.length <= options.limit);
    const more = programs.length > options.limit;
    const shown = programs.slice(0, options.limit);
    return { programs: shown, nextAfter: more ? (shown.at(-1)?.programId ?? null) : null };
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
          ConditionExpression:
            'connectedAt = :connectedAt AND (attribute_not_exists(actor) OR attribute_type(actor, :null))',
          ExpressionAttributeValues: {
            ':actor': attioActorSchema.parse(actor),
            ':connectedAt': connectedAt,
            ':null': 'NULL',
          },
        }),
      );
      return actor;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      const current = await this.getAttioConnection(programId);
      return current?.connectedAt === connectedAt ? (current.actor ?? undefined) : undefined;
    }
  }

  /** Notes that the connection's webhook now excludes this actor's events; a replaced connection or webhook is left alone. */
  async recordWebhookActorFilter(
    programId: string,
    connectedAt: string,
    webhookId: string,
    actorId: string,
  ): Promise<void> {
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
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }

  /**
   * Sets only the given fields of a stored connection, so a Save cannot put back an actor the
   * worker learned meanwhile. Refused (ConditionalCheckFailedException) when there is none.
   */
  async updateAttioConnection(
    programId: string,
    changes: Partial<
      Pick<AttioConnection, 'webhookId' | 'webhookSecretCiphertext' | 'webhookFilteredActorId' | 'workspaceCheck'>
    >,
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return;
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(programId), sk: keys.attioConnection },
        UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
      }),
    );
  }

  async deleteAttioConnection(programId: string): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(programId), sk: keys.attioConnection },
      }),
    );
  }

  async getSettings(programId: string): Promise<StoredSettings> {
    return storedSettingsOf(await this.get(programId, keys.settings));
  }

  /**
   * Registration, connection and settings in one consistent BatchGetItem: one request for
   * what a worker needs of a program (the same three read units as three GetItems, one round trip).
   */
  async getProgram(programId: string): Promise<{
    registration: ProgramRegistration | undefined;
    attioConnection: AttioConnection | undefined;
    settings: StoredSettings;
  }> {
    const pk = keys.programPartition(programId);
    const found = new Map<string, Record<string, unknown>>();
    let pending: Record<string, unknown>[] | undefined = [keys.program, keys.attioConnection, keys.settings].map(
      (sk) => ({ pk, sk }),
    );
    // BatchGetItem may leave keys unprocessed under throttling: ask again for those only.
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result: BatchGetCommandOutput = await this.table.client.send(
        new BatchGetCommand({ RequestItems: { [this.table.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[this.table.tableName] ?? []) found.set(String(item.sk), item);
      pending = result.UnprocessedKeys?.[this.table.tableName]?.Keys;
    }
    const registration = found.get(keys.program);
    const connection = found.get(keys.attioConnection);
    return {
      registration: registration ? programRegistrationSchema.parse(withoutKeys(registration)) : undefined,
      attioConnection: connection ? attioConnectionSchema.parse(withoutKeys(connection)) : undefined,
      settings: storedSettingsOf(found.get(keys.settings)),
    };
  }

  /**
   * Saves settings if nobody saved in between (optimistic concurrency on `version`), so two
   * tabs cannot silently overwrite each other. Returns the new version. `syncStartedAt` is
   * written when given; otherwise a later save keeps what is stored and a first save stores null.
   */
  async saveSettings(
    programId: string,
    settings: ProgramSettings,
    expectedVersion: number,
    now: Date = new Date(),
    options: { readonly syncStartedAt?: string } = {},
  ): Promise<number> {
    const version = expectedVersion + 1;
    const first = expectedVersion === 0;
    const started = options.syncStartedAt ?? (first ? null : undefined);
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(programId), sk: keys.settings },
        UpdateExpression:
          `SET #settings = :settings, #version = :version, #updatedAt = ` +
          `:updatedAt${started === undefined ? '' : ', #syncStartedAt = :syncStartedAt'}`,
        ConditionExpression: first ? 'attribute_not_exists(pk)' : '#version = :expected',
        ExpressionAttributeNames: {
          '#settings': 'settings',
          '#version': 'version',
          '#updatedAt': 'updatedAt',
          ...(started === undefined ? {} : { '#syncStartedAt': 'syncStartedAt' }),
        },
        ExpressionAttributeValues: {
          ':settings': programSettingsSchema.parse(settings),
          ':version': version,
          ':updatedAt': now.toISOString(),
          ...(started === undefined ? {} : { ':syncStartedAt': started }),
          ...(first ? {} : { ':expected': expectedVersion }),
        },
      }),
    );
    return version;
  }

  /** Removes everything the service holds about a program: registration, connection, settings, links, claims, audit. */
  async deleteProgramData(programId: string): Promise<number> {
    let deleted = 0;
    for (const partition of [keys.programPartition(programId), ...auditPartitions(programId)]) {
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
          let requests: Record<string, unknown>[] | undefined = chunk.map((item) => ({
            DeleteRequest: { Key: { pk: item.pk, sk: item.sk } },
          }));
          // DynamoDB may leave part of a batch unprocessed under load; send the rest again.
          while (requests && requests.length > 0) {
            const result = await this.table.client.send(
              new BatchWriteCommand({ RequestItems: { [this.table.tableName]: requests } }),
            );
            requests = result.UnprocessedItems?.[this.table.tableName] as Record<string, unknown>[] | undefined;
          }
          deleted += chunk.length;
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programDirectoryPartition, sk: keys.programDirectoryEntry(programId) },
      }),
    );
    return deleted;
  }

  private async get(programId: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(programId), sk },
        ConsistentRead: true,
      }),
    );
    return result.Item;
  }

  private async put(programId: string, sk: string, attributes: Record<string, unknown>): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { pk: keys.programPartition(programId), sk, ...attributes },
      }),
    );
  }
}
