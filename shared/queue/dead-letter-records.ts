import { DeleteCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '../aws/dynamodb-document-client';
import * as z from 'zod';
import { keys } from '../store/keys';
import { expiresInDays, type SyncTable } from '../store/sync-table';
import { syncDirections } from './sync-queues';
import type { SyncOutcome } from '../sync/outcomes';

/** One message of the program that was dead-lettered: what, why, when. */
export const programDeadLetterSchema = z.object({
  programId: z.string(),
  direction: z.enum(syncDirections),
  /** The record the message was about, as the sync history names it (`partner:<id>`, `attio:deals:<id>`); `unknown` for a malformed message. */
  record: z.string(),
  /** The event, as the provider named it; `unknown` when the message could not be read. */
  sourceEvent: z.string(),
  reason: z.string(),
  failedAt: z.string(),
  /** The SQS message id it had on the sync queue (the DLQ copy's `originalMessageId`): how a replay clears it. */
  messageId: z.string(),
});
export type ProgramDeadLetter = z.infer<typeof programDeadLetterSchema>;

/**
 * Kept as long as the dead-letter queue keeps the message itself (SQS's maximum, 14 days): past
 * that the message is gone, and so is anything a replay could do about it.
 */
export const DEAD_LETTER_RETENTION_DAYS = 14;

/** Outcomes that mean a record synced fine after all; a dead letter of it is then resolved. */
const SYNCED_FINE: readonly SyncOutcome[] = ['applied', 'noop', 'echo', 'stale'];
/** Dead letters of one program looked at per read: the status page lists these. */
export const DEAD_LETTERS_LISTED = 50;
/** History reads spent at most to find whether one dead-lettered record later synced. */
const MAX_HISTORY_READS = 3;

/**
 * A per-program record of its dead letters, beside the shared dead-letter queues (which hold the
 * bodies for replay but serve every program, so their count says nothing about one of them):
 *
 *   pk              sk                       item
 *   PROGRAM#<id>    DEADLETTER#<failedAt>#<message id>   direction, record, event, reason (TTL 14 days)
 *
 * Written when the worker dead-letters a message; cleared when an operator replays it, or found
 * resolved (and deleted) when the status page reads it and the sync history shows the record
 * synced fine since. The worker's success path stays as it is: resolving on read costs a few
 * reads per dead letter when someone looks, instead of one more write per event synced.
 */
export class DeadLetterRecords {
  constructor(
    private readonly table: SyncTable,
    private readonly retentionDays: number = DEAD_LETTER_RETENTION_DAYS,
  ) {}

  async record(deadLetter: ProgramDeadLetter): Promise<void> {
    const item = programDeadLetterSchema.parse(deadLetter);
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          pk: keys.programPartition(item.programId),
          sk: keys.deadLetter(item.failedAt, item.messageId),
          expiresAt: expiresInDays(this.retentionDays, Date.parse(item.failedAt)),
          ...item,
        },
      }),
    );
  }

  /** A replay sent it back to its queue (or its record synced fine since): it is no longer dead. */
  async clear(deadLetter: Pick<ProgramDeadLetter, 'programId' | 'failedAt' | 'messageId'>): Promise<void> {
    await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: {
          pk: keys.programPartition(deadLetter.programId),
          sk: keys.deadLetter(deadLetter.failedAt, deadLetter.messageId),
        },
      }),
    );
  }

  /**
   * The program's dead letters still open, newest first (the newest DEAD_LETTERS_LISTED are
   * checked and returned; `more` says there may be older ones). One whose record synced fine
   * since it failed is deleted and left out.
   */
  async open(programId: string, now: Date = new Date()): Promise<{ entries: ProgramDeadLetter[]; more: boolean }> {
    // Sorted by time in the key: one Query, newest first, one past the listed to learn whether there are more.
    const page: QueryCommandOutput = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        // DynamoDB deletes expired items up to two days late; they are hidden at once.
        FilterExpression: 'expiresAt > :now',
        ExpressionAttributeValues: {
          ':pk': keys.programPartition(programId),
          ':prefix': keys.deadLetters,
          ':now': Math.floor(now.getTime() / 1000),
        },
        ScanIndexForward: false,
        Limit: DEAD_LETTERS_LISTED + 1,
        ConsistentRead: true,
      }),
    );
    const stored = (page.Items ?? []).map((item) => programDeadLetterSchema.parse(item));
    const entries: ProgramDeadLetter[] = [];
    for (const deadLetter of stored.slice(0, DEAD_LETTERS_LISTED)) {
      if (deadLetter.record !== 'unknown' && (await this.syncedSince(deadLetter))) await this.clear(deadLetter);
      else entries.push(deadLetter);
    }
    return { entries, more: stored.length > DEAD_LETTERS_LISTED || page.LastEvaluatedKey !== undefined };
  }

  /** Whether the sync history has the record applied (or found in sync) after it was dead-lettered. */
  private async syncedSince(deadLetter: ProgramDeadLetter): Promise<boolean> {
    let startKey: Record<string, unknown> | undefined;
    for (let reads = 0; reads < MAX_HISTORY_READS; reads += 1) {
      const page: QueryCommandOutput = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND sk > :failedAt',
          FilterExpression: `sourceRecord = :record AND #outcome IN (${SYNCED_FINE.map((_, index) => `:fine${index}`).join(', ')})`,
          ExpressionAttributeValues: {
            // The history of the dead letter's own direction: one partition per direction (audit-log.ts).
            ':pk': keys.auditDirectionPartition(deadLetter.programId, deadLetter.direction),
            ':failedAt': deadLetter.failedAt,
            ':record': deadLetter.record,
            ...Object.fromEntries(SYNCED_FINE.map((outcome, index) => [`:fine${index}`, outcome])),
          },
          ExpressionAttributeNames: { '#outcome': 'outcome' },
          ProjectionExpression: '#outcome',
          ExclusiveStartKey: startKey,
        }),
      );
      if ((page.Items ?? []).length > 0) return true;
      startKey = page.LastEvaluatedKey;
      if (!startKey) return false;
    }
    // Past the reads it may spend: still listed, and looked at again next time.
    return false;
  }
}
