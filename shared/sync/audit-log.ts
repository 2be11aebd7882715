import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ValidationError } from '../errors';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import { auditEntryItem, auditEntrySchema, auditRetentionDays, type AuditDirection, type AuditEntry } from './audit-entry';
import type { SyncOutcome } from './outcomes';

export { auditDirections, auditEntryItem, auditEntrySchema, auditRetentionDays, DEFAULT_AUDIT_RETENTION_DAYS, type AuditDirection, type AuditEntry } from './audit-entry';

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Opaque; pass back to read the next (older) page. */
  readonly nextCursor: string | null;
}

export interface AuditQuery {
  readonly limit?: number;
  readonly cursor?: string | null;
  readonly direction?: AuditDirection;
  /** Only the entries about this record, as source or as target (e.g. `partner:abc`). */
  readonly sourceRecord?: string;
  /** Only the entries with this outcome (e.g. the conflicts the status page counts). */
  readonly outcome?: SyncOutcome;
}

/** A cursor that does not decode to a position in this program's history. */
export class InvalidAuditCursorError extends ValidationError {
  constructor() {
    super('The history cursor is not valid: start again from the newest entries.');
  }
}

/**
 * DynamoDB reads per page at most. A filter (one record, one direction) is applied after the
 * read, so a rare record in a long history could otherwise read the whole partition in one
 * request; past this many reads the page ends early with a cursor to go on from.
 */
const MAX_READS_PER_PAGE = 20;

/**
 * Sync history: one entry per processed event, newest first, kept for `retentionDays` (the
 * table's TTL attribute; entries past it are hidden at once even though DynamoDB deletes them
 * up to two days later). Entries of one record are found by filtering on its source or target.
 */
export class AuditLog {
  readonly retentionDays: number;

  constructor(
    private readonly table: SyncTable,
    retentionDays: number = auditRetentionDays(),
  ) {
    this.retentionDays = retentionDays;
  }

  async record(entry: Omit<AuditEntry, 'at'> & { at?: string }): Promise<AuditEntry> {
    const { complete, item } = auditEntryItem(entry, this.retentionDays);
    await this.table.client.send(new PutCommand({ TableName: this.table.tableName, Item: item }));
    return complete;
  }

  async listRecent(programId: string, options: AuditQuery = {}): Promise<AuditPage> {
    const partition = keys.auditPartition(programId);
    const filters: string[] = ['(attribute_not_exists(expiresAt) OR expiresAt > :now)'];
    const values: Record<string, unknown> = { ':pk': partition, ':now': Math.floor(Date.now() / 1000) };
    if (options.direction) {
      filters.push('direction = :direction');
      values[':direction'] = options.direction;
    }
    if (options.outcome) {
      filters.push('outcome = :outcome');
      values[':outcome'] = options.outcome;
    }
    if (options.sourceRecord) {
      filters.push('(sourceRecord = :record OR targetRecord = :record)');
      values[':record'] = options.sourceRecord;
    }
    const limit = options.limit ?? 50;
    const entries: AuditEntry[] = [];
    let startKey: Record<string, unknown> | undefined = options.cursor ? decodeCursor(options.cursor, partition) : undefined;
    let reads = 0;
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
      reads += 1;
      for (const item of page.Items ?? []) {
        if (entries.length >= limit) break;
        entries.push(auditEntrySchema.parse(item));
        startKey = { pk: item.pk, sk: item.sk };
      }
      if (entries.length < limit) startKey = page.LastEvaluatedKey;
    } while (entries.length < limit && startKey && reads < MAX_READS_PER_PAGE);
    return { entries, nextCursor: startKey ? encodeCursor(startKey) : null };
  }
}

/** A cursor is the key of the last entry read; it must stay inside the program's own partition. */
const cursorSchema = z.object({ pk: z.string(), sk: z.string().min(1).max(200) }).strict();

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk })).toString('base64url');
}

function decodeCursor(cursor: string, partition: string): Record<string, unknown> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidAuditCursorError();
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.pk !== partition) throw new InvalidAuditCursorError();
  return parsed.data;
}

export type { SyncOutcome };
