import { GetCommand, UpdateCommand, isConditionalCheckFailure } from '../aws/dynamodb-document-client';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import { writeAllowance, type CircuitBreakerPolicy, type WriteWindow } from './circuit-breaker';

/** What the counter answered for one write: admitted or not, and the two buckets it weighed. */
export interface WriteAdmission {
  readonly admitted: boolean;
  readonly previousBucketWrites: number;
  readonly currentBucketWrites: number;
}

/** Counts the writes of one record per time bucket and admits a write only while under the allowance. */
export interface WriteCounter {
  admit(programId: string, record: string, window: WriteWindow, policy: CircuitBreakerPolicy): Promise<WriteAdmission>;
  /** Takes back one write admitted in this window that was never made (the provider throttled it). */
  giveBack(programId: string, record: string, window: WriteWindow): Promise<void>;
}

/**
 * The counters in the sync table: one item per (program, record, bucket), expiring by TTL
 * once it can no longer be the previous bucket. The increment is conditional on the count
 * being under the allowance, so concurrent workers cannot both take the last write.
 */
export class CircuitBreakerRepository implements WriteCounter {
  constructor(private readonly table: SyncTable) {}

  async admit(
    programId: string,
    record: string,
    window: WriteWindow,
    policy: CircuitBreakerPolicy,
  ): Promise<WriteAdmission> {
    const pk = keys.programPartition(programId);
    const previous = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { pk, sk: keys.recordWrites(record, window.bucket - 1) },
      }),
    );
    const previousBucketWrites = Number(previous.Item?.writes ?? 0);
    const allowance = writeAllowance(policy, previousBucketWrites, window.elapsed);
    if (allowance <= 0)
      return { admitted: false, previousBucketWrites, currentBucketWrites: await this.current(pk, record, window) };
    try {
      const updated = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk, sk: keys.recordWrites(record, window.bucket) },
          UpdateExpression: 'ADD writes :one SET expiresAt = :expiresAt, #record = :record',
          ConditionExpression: 'attribute_not_exists(writes) OR writes < :allowance',
          ExpressionAttributeNames: { '#record': 'record' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':allowance': allowance,
            ':expiresAt': window.expiresAt,
            ':record': record,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { admitted: true, previousBucketWrites, currentBucketWrites: Number(updated.Attributes?.writes ?? 1) };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      return { admitted: false, previousBucketWrites, currentBucketWrites: allowance };
    }
  }

  async giveBack(programId: string, record: string, window: WriteWindow): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: keys.programPartition(programId), sk: keys.recordWrites(record, window.bucket) },
          UpdateExpression: 'ADD writes :minusOne',
          ConditionExpression: 'writes > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }

  private async current(pk: string, record: string, window: WriteWindow): Promise<number> {
    const item = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: { pk, sk: keys.recordWrites(record, window.bucket) } }),
    );
    return Number(item.Item?.writes ?? 0);
  }
}
