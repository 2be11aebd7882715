import {
  DeleteCommand,
  paginateQuery,
  paginateScan,
  PutCommand,
  UpdateCommand,
  isConditionalCheckFailure,
} from '../aws/dynamodb-document-client';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import {
  PARK_ONCE_CONDITION,
  parkedDeliveryItem,
  parkedDeliverySchema,
  type NewParkedDelivery,
  type ParkedDelivery,
} from './parked-delivery';

export {
  PARK_ONCE_CONDITION,
  PARKED_DELIVERY_RETENTION_DAYS,
  parkedDeliveryId,
  parkedDeliveryItem,
  parkedDeliverySchema,
  webhookProviders,
  type NewParkedDelivery,
  type ParkedDelivery,
  type WebhookProvider,
} from './parked-delivery';

/**
 * Parked deliveries, in the program's partition of the sync table. The id is derived from the
 * delivery itself, so a provider's retry of the same delivery (after a 5xx) parks it once.
 */
export class ParkedDeliveryStore {
  constructor(private readonly table: SyncTable) {}

  async park(delivery: NewParkedDelivery): Promise<ParkedDelivery> {
    const { parked, item } = parkedDeliveryItem(delivery);
    try {
      await this.table.client.send(
        new PutCommand({ TableName: this.table.tableName, Item: item, ConditionExpression: PARK_ONCE_CONDITION }),
      );
    } catch (error) {
      // Already parked by an earlier attempt of the same delivery: keep the first receipt.
      if (!isConditionalCheckFailure(error)) throw error;
    }
    return parked;
  }

  /** The parked deliveries of one program, or of every program, oldest first. */
  async list(programId?: string): Promise<ParkedDelivery[]> {
    const items: Record<string, unknown>[] = [];
    if (programId) {
      const pages = paginateQuery(
        { client: this.table.client },
        {
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.programPartition(programId), ':prefix': keys.parkedDeliveries },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
    } else {
      // An operator's command, run by hand: a scan is fine, the table has no index by item type.
      const pages = paginateScan(
        { client: this.table.client },
        {
          TableName: this.table.tableName,
          FilterExpression: 'begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':prefix': keys.parkedDeliveries },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
    }
    return items
      .map((item) => parkedDeliverySchema.parse(withoutKeys(item)))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  /** The delivery was replayed (queued or recognised as ignored): it is no longer parked. */
  async remove(parked: Pick<ParkedDelivery, 'programId' | 'provider' | 'parkedId'>): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(parked.programId), sk: keys.parkedDelivery(parked.provider, parked.parkedId) },
      }),
    );
  }

  /** A replay that still could not read it: it stays parked, with the newest reason. */
  async recordFailedReplay(
    parked: Pick<ParkedDelivery, 'programId' | 'provider' | 'parkedId'>,
    reason: string,
    at: string,
  ): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(parked.programId), sk: keys.parkedDelivery(parked.provider, parked.parkedId) },
        UpdateExpression: 'SET reason = :reason, lastReplayAt = :at ADD replayAttempts :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':reason': reason, ':at': at, ':one': 1 },
      }),
    );
  }
}

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...rest } = item;
  return rest;
}
