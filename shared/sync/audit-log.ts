import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { keys } from '../store/keys';
import { expiresInDays, type SyncTable } from '../store/sync-table';
import type { SyncDirection } from '../sync-queues';
import { syncOutcomes, type SyncOutcome } from './outcomes';

export const auditEntrySchema = z.object({
  programId: z.string(),
  direction: z.enum(['partnero-to-attio', 'attio-to-partnero', 'settings', 'backfill', 'reconciliation']),
  /** The event as the source named it, e.g. `partner.updated` or `record.updated`. */
  sourceEvent: z.string(),
  /** The source record, e.g. `partner:abc` or `attio:deals:<record id>`. */
  sourceRecord: z.string(),
  /** What was written, e.g. `attio:people:<record id>` or `partnero:transaction:<key>`; null when nothing was. */
  targetRecord: z.string().nullable(),
  outcome: z.enum(syncOutcomes),
  reason: z.string(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Opaque; pass back to read the next (older) page. */
  readonly nextCursor: string | null;
}

/**
 * Sync history: one entry per processed event, newest first, kept for a configurable time
 * (DynamoDB TTL). Entries of one record are found by filtering on `sourceRecord`.
 */
export class AuditLog {
  constructor(
    private readonly table: SyncTable,
    private readonly retentionDays: number = 30,
  ) {}

  async record(entry: Omit<AuditEntry, 'at'> & { at?: string }): Promise<AuditEntry> {
    const complete = auditEntrySchema.parse({ ...entry, at: entry.at ?? new Date().toISOString() });
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          pk: keys.auditPartition(complete.programId),
          sk: `${complete.at}#${randomUUID()}`,
          expiresAt: expiresInDays(this.retentionDays),
          ...complete,
        },
      }),
    );
    return complete;
  }

  async listRecent(programId: string, options: { limit?: number; cursor?: string | null; direction?: SyncDirection; sourceRecord?: string } = {}): Promise<AuditPage> {
    const filters: string[] = ['(attribute_not_exists(expiresAt) OR expiresAt > :now)'];
    const values: Record<string, unknown> = { ':pk': keys.auditPartition(programId), ':now': Math.floor(Date.now() / 1000) };
    if (options.direction) {
      filters.push('direction = :direction');
      values[':direction'] = options.direction;
    }
    if (options.sourceRecord) {
      filters.push('(sourceRecord = :record OR targetRecord = :record)');
      values[':record'] = options.sourceRecord;
    }
    const limit = options.limit ?? 50;
    const entries: AuditEntry[] = [];
    let startKey = options.cursor ? (JSON.parse(Buffer.from(options.cursor, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined;
    // A filter applies after the read, so keep reading pages until enough entries matched.
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: filters.join(' AND '),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: Math.max(limit, 25),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (entries.length >= limit) break;
        entries.push(auditEntrySchema.parse(item));
        startKey = { pk: item.pk, sk: item.sk };
      }
      if (entries.length < limit) startKey = page.LastEvaluatedKey;
    } while (entries.length < limit && startKey);
    return {
      entries,
      nextCursor: entries.length === limit && startKey ? Buffer.from(JSON.stringify(startKey)).toString('base64url') : null,
    };
  }
}

export type { SyncOutcome };
