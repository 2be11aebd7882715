import { PutCommand, QueryCommand } from '../aws/dynamodb-document-client';
import * as z from 'zod';
import { ValidationError } from '../errors';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import {
  auditDirections,
  auditEntryItem,
  auditEntrySchema,
  auditRetentionDays,
  type AuditDirection,
  type AuditEntry,
} from './audit-entry';
import type { SyncOutcome } from './outcomes';

export {
  auditDirections,
  auditEntryItem,
  auditEntrySchema,
  auditRetentionDays,
  DEFAULT_AUDIT_RETENTION_DAYS,
  type AuditDirection,
  type AuditEntry,
} from './audit-entry';

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
 * DynamoDB reads per partition and page at most. A filter (one record, one outcome) is applied
 * after the read, so a rare record in a long history could otherwise read a whole partition in
 * one request; past this many reads the page ends early with a cursor to go on from.
 */
const MAX_READS_PER_PARTITION = 10;

/**
 * Items per read when a filter applies: as many as DynamoDB returns in one read (it stops at
 * 1 MB, about 3,000 entries), so ten reads search some 30,000 entries, a busy program's month,
 * before the page ends. A page of 25 found nothing of a record whose last event lay under a few
 * hundred newer ones. The cost falls on the reader, not on every synced change: a second key
 * per entry would make a record's history a direct query at one more write unit per change.
 */
const FILTERED_READ_ITEMS = 3_000;

/**
 * Where the history is read from: one partition per direction, plus the single partition that
 * entries were written to before the history was split by direction (still read, filtered, until
 * its entries expire at the end of the retention time).
 */
const legacySource = 'legacy';
type AuditSource = AuditDirection | typeof legacySource;
const auditSources: readonly AuditSource[] = [...auditDirections, legacySource];

function partitionOf(programId: string, source: AuditSource): string {
  return source === legacySource ? keys.auditPartition(programId) : keys.auditDirectionPartition(programId, source);
}

/** Every partition that holds a program's history, for removing the program. */
export function auditPartitions(programId: string): string[] {
  return auditSources.map((source) => partitionOf(programId, source));
}

/**
 * Sync history: one entry per processed event, newest first, kept for `retentionDays` (the
 * table's TTL attribute; entries past it are hidden at once even though DynamoDB deletes them
 * up to two days later).
 *
 * Keys: each direction has its own partition, sorted by time, so "the last events from Attio to
 * Partnero" is one query however busy the other direction is:
 *
 *   pk                                     sk
 *   PROGRAM#<id>#AUDIT#partnero-to-attio   <iso time>#<uuid>
 *   PROGRAM#<id>#AUDIT#attio-to-partnero   <iso time>#<uuid>
 *   PROGRAM#<id>#AUDIT#settings            ...   (and backfill, reconciliation)
 *
 * Still one item of one write unit per entry: no index, no second copy. The whole history is a
 * merge of the partitions, newest first; one record's entries are the merge filtered on the
 * record, read in large pages (FILTERED_READ_ITEMS; a second key per entry would make that a
 * direct query too, at one more write unit per synced change).
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
    const limit = options.limit ?? 50;
    const sources: readonly AuditSource[] = options.direction ? [options.direction, legacySource] : auditSources;
    const positions: Positions = options.cursor ? decodeCursor(options.cursor, programId) : {};
    const reads = await Promise.all(
      sources
        .filter((source) => positions[source] !== DONE)
        .map((source) => this.readSource(programId, source, options, positions[source], limit)),
    );

    // A partition that stopped at its read limit has unread entries older than its frontier:
    // nothing older than that frontier may be shown yet, or the order would break.
    const cutoff = reads.reduce<string | null>(
      (highest, read) =>
        read.frontier !== null && (highest === null || read.frontier > highest) ? read.frontier : highest,
      null,
    );
    const merged = reads
      .flatMap((read) => read.items.map((item) => ({ ...item, source: read.source })))
      .filter((item) => cutoff === null || item.sk > cutoff)
      .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0))
      .slice(0, limit);

    const next: Positions = { ...positions };
    for (const read of reads) {
      const shown = merged.filter((item) => item.source === read.source);
      const last = shown.at(-1);
      if (shown.length === read.items.length && read.frontier === null && !read.more) next[read.source] = DONE;
      else if (shown.length === read.items.length && read.frontier !== null) next[read.source] = read.frontier;
      else if (last) next[read.source] = last.sk;
    }
    const finished = sources.every((source) => next[source] === DONE);
    return { entries: merged.map((item) => item.entry), nextCursor: finished ? null : encodeCursor(programId, next) };
  }

  /** Up to `want` entries of one partition, newest first, after `after` (an sk) when given. */
  private async readSource(
    programId: string,
    source: AuditSource,
    options: AuditQuery,
    after: string | undefined,
    want: number,
  ): Promise<SourceRead> {
    const pk = partitionOf(programId, source);
    const filters: string[] = ['(attribute_not_exists(expiresAt) OR expiresAt > :now)'];
    const values: Record<string, unknown> = { ':pk': pk, ':now': Math.floor(Date.now() / 1000) };
    // Only the legacy partition mixes directions.
    if (options.direction && source === legacySource) {
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
    const items: { sk: string; entry: AuditEntry }[] = [];
    let startKey: Record<string, unknown> | undefined = after ? { pk, sk: after } : undefined;
    let reads = 0;
    do {
      const page = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: filters.join(' AND '),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: options.sourceRecord || options.outcome ? FILTERED_READ_ITEMS : Math.max(want, 25),
          ExclusiveStartKey: startKey,
        }),
      );
      reads += 1;
      for (const item of page.Items ?? []) {
        if (items.length >= want) break;
        items.push({ sk: String(item.sk), entry: auditEntrySchema.parse(item) });
      }
      startKey = page.LastEvaluatedKey;
      if (items.length >= want) return { source, items, frontier: null, more: true };
    } while (startKey && reads < MAX_READS_PER_PARTITION);
    return startKey
      ? { source, items, frontier: String(startKey.sk), more: true }
      : { source, items, frontier: null, more: false };
  }
}

interface SourceRead {
  readonly source: AuditSource;
  readonly items: { sk: string; entry: AuditEntry }[];
  /** Where reading stopped at the read limit short of `want` entries; null when it did not. */
  readonly frontier: string | null;
  /** Whether the partition may hold more entries past those read. */
  readonly more: boolean;
}

/** Marks a partition read to its end in a cursor. */
const DONE = '';
/** Per partition: the sk of the last entry shown, or DONE. Absent: not started. */
type Positions = Partial<Record<AuditSource, string>>;

/** A cursor names the program it belongs to and where each partition's reading stopped. */
const cursorSchema = z
  .object({
    program: z.string(),
    at: z.partialRecord(z.enum([...auditDirections, legacySource]), z.string().max(200)),
  })
  .strict();

function encodeCursor(programId: string, positions: Positions): string {
  return Buffer.from(JSON.stringify({ program: programId, at: positions })).toString('base64url');
}

function decodeCursor(cursor: string, programId: string): Positions {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidAuditCursorError();
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.program !== programId) throw new InvalidAuditCursorError();
  return parsed.data.at;
}

export type { SyncOutcome };
