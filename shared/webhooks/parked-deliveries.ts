import { DeleteCommand, paginateQuery, paginateScan, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { keys } from '../store/keys';
import { expiresInDays, type SyncTable } from '../store/sync-table';

export const webhookProviders = ['partnero', 'attio'] as const;
export type WebhookProvider = (typeof webhookProviders)[number];

/**
 * A correctly signed delivery the service could not read (an unknown event type, a shape it does
 * not understand, a body that is not JSON). It was acknowledged, so the provider will not send it
 * again: this is the only copy, kept byte for byte so that a replay, once the service understands
 * it, reads exactly what the provider sent. Only the one header a replay needs is kept (Attio's
 * `Idempotency-Key`, which the delivery keys are built from); never the signature.
 */
export const parkedDeliverySchema = z.object({
  programId: z.string(),
  provider: z.enum(webhookProviders),
  parkedId: z.string(),
  rawBody: z.string(),
  idempotencyKey: z.string().nullable(),
  /** Why it was parked, one reason per event the service could not read. */
  reason: z.string(),
  sourceEvents: z.array(z.string()),
  receivedAt: z.string(),
  replayAttempts: z.number().int().nonnegative(),
  lastReplayAt: z.string().nullable(),
});
export type ParkedDelivery = z.infer<typeof parkedDeliverySchema>;

export type NewParkedDelivery = Omit<ParkedDelivery, 'parkedId' | 'replayAttempts' | 'lastReplayAt'>;

/**
 * How long a parked delivery waits for a replay. Long enough for a release that teaches the
 * service the new shape; bounded, so a provider that keeps sending something new cannot grow
 * the table forever. Sources are silent; an operator's choice.
 */
export const PARKED_DELIVERY_RETENTION_DAYS = 90;

/**
 * Parked deliveries, in the program's partition of the sync table. The id is derived from the
 * delivery itself, so a provider's retry of the same delivery (after a 5xx) parks it once.
 */
export class ParkedDeliveryStore {
  constructor(private readonly table: SyncTable) {}

  async park(delivery: NewParkedDelivery): Promise<ParkedDelivery> {
    const parked: ParkedDelivery = { ...delivery, parkedId: parkedDeliveryId(delivery), replayAttempts: 0, lastReplayAt: null };
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            pk: keys.programPartition(parked.programId),
            sk: keys.parkedDelivery(parked.provider, parked.parkedId),
            expiresAt: expiresInDays(PARKED_DELIVERY_RETENTION_DAYS),
            ...parked,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Already parked by an earlier attempt of the same delivery: keep the first receipt.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
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
        { TableName: this.table.tableName, FilterExpression: 'begins_with(sk, :prefix)', ExpressionAttributeValues: { ':prefix': keys.parkedDeliveries }, ConsistentRead: true },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
    }
    return items.map((item) => parkedDeliverySchema.parse(withoutKeys(item))).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  /** The delivery was replayed (queued or recognised as ignored): it is no longer parked. */
  async remove(parked: Pick<ParkedDelivery, 'programId' | 'provider' | 'parkedId'>): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({ TableName: this.table.tableName, Key: { pk: keys.programPartition(parked.programId), sk: keys.parkedDelivery(parked.provider, parked.parkedId) } }),
    );
  }

  /** A replay that still could not read it: it stays parked, with the newest reason. */
  async recordFailedReplay(parked: Pick<ParkedDelivery, 'programId' | 'provider' | 'parkedId'>, reason: string, at: string): Promise<void> {
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

/** Stable for one delivery: the provider, the program, Attio's idempotency key (when sent) and the bytes. */
export function parkedDeliveryId(delivery: Pick<NewParkedDelivery, 'provider' | 'programId' | 'idempotencyKey' | 'rawBody'>): string {
  return createHash('sha256')
    .update([delivery.provider, delivery.programId, delivery.idempotencyKey ?? '', delivery.rawBody].join('\n'))
    .digest('hex')
    .slice(0, 32);
}

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...rest } = item;
  return rest;
}
