import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
} from '../aws/dynamodb-document-client';
import * as z from 'zod';
import { reconciliationCursorSchema, type ReconciliationCursor } from './reconciliation-cadence';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';

export const reconciliationRepairSchema = z.object({
  /** `partner:<id>`, `customer:<key>`, `transaction:<key>` or `attio:deals:<record id>`. */
  record: z.string(),
  /** The event enqueued for it, as a webhook would have named it. */
  event: z.string(),
  reason: z.string(),
});
export type ReconciliationRepair = z.infer<typeof reconciliationRepairSchema>;

export const reconciliationSkipSchema = z.object({
  /** The record, or `<kind>:page <n>` / `deals:offset <n>` for a list page that could not be read. */
  record: z.string(),
  /** Why it could not be compared (the provider's error, after the retries). */
  reason: z.string(),
});
export type ReconciliationSkip = z.infer<typeof reconciliationSkipSchema>;

const checkedSchema = z.object({
  partner: z.number(),
  customer: z.number(),
  transaction: z.number(),
  deal: z.number(),
});

export const reconciliationSummarySchema = z.object({
  programId: z.string(),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /**
   * False when the run did not compare everything: out of time, or something was skipped after
   * its retries failed. The next run starts over, so what was skipped is compared again.
   */
  complete: z.boolean(),
  /** Records compared, per kind (`deal`: Attio deals and commission claims). */
  checked: checkedSchema,
  repairCount: z.number(),
  /** The first repairs, for the status page; every one is also in the sync history. */
  repairs: z.array(reconciliationRepairSchema),
  /** What could not be compared this run (the first ones); reports from before it existed have none. */
  skipped: z.array(reconciliationSkipSchema).default([]),
  /** `full`: every list read; `incremental`: only what changed since `changesSince` (reports from before incremental runs were all full). */
  mode: z.enum(['full', 'incremental']).default('full'),
  /** The instant an incremental run read changes from (the watermark less the overlap); null for a full sweep. */
  changesSince: z.string().nullable().default(null),
  /** What the next run starts from (shared/reconciliation/reconciliation-cadence.ts); absent until a run completes. */
  cursor: reconciliationCursorSchema.optional(),
});
export type ReconciliationSummary = z.infer<typeof reconciliationSummarySchema>;

const SK = 'RECONCILIATION';
const MAX_LISTED_REPAIRS = 50;

/** The latest reconciliation of each program, kept beside its settings. */
export class ReconciliationReports {
  constructor(private readonly table: SyncTable) {}

  async save(summary: ReconciliationSummary): Promise<void> {
    const item = reconciliationSummarySchema.parse({
      ...summary,
      repairs: summary.repairs.slice(0, MAX_LISTED_REPAIRS),
      skipped: summary.skipped.slice(0, MAX_LISTED_REPAIRS),
    });
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { pk: keys.programPartition(summary.programId), sk: SK, ...item },
      }),
    );
  }

  /**
   * Makes the program's next run a full sweep, e.g. after a webhook outage: an incremental run
   * would not find the partners edited or deleted meanwhile. Forgets the cursor, so ask between
   * runs: a run of the program already under way saves the cursor it started with.
   */
  async requestFullSweep(programId: string): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { pk: keys.programPartition(programId), sk: SK },
          UpdateExpression: 'REMOVE #cursor',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#cursor': 'cursor' },
        }),
      );
    } catch (error) {
      // Never reconciled: its first run is a full sweep anyway.
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
      throw error;
    }
  }

  /** The cursor the program's latest report left, undefined before its first complete run. */
  async cursorOf(programId: string): Promise<ReconciliationCursor | undefined> {
    return (await this.latest(programId))?.cursor;
  }

  async latest(programId: string): Promise<ReconciliationSummary | null> {
    const result = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(programId), sk: SK },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return null;
    const { pk: _pk, sk: _sk, ...summary } = result.Item;
    return reconciliationSummarySchema.parse(summary);
  }

  /**
   * When each program's latest run finished ('' for a program never reconciled): one BatchGet per
   * 100 programs (DynamoDB's limit), reading only that attribute, instead of one Get per program.
   */
  async finishedAtOf(programIds: readonly string[]): Promise<Map<string, string>> {
    const finished = new Map<string, string>(programIds.map((programId) => [programId, '']));
    for (let index = 0; index < programIds.length; index += BATCH_GET_LIMIT) {
      let requested: Record<string, unknown>[] | undefined = programIds
        .slice(index, index + BATCH_GET_LIMIT)
        .map((programId) => ({ pk: keys.programPartition(programId), sk: SK }));
      // DynamoDB may leave keys unprocessed under load; ask for them again.
      while (requested && requested.length > 0) {
        const result: BatchGetCommandOutput = await this.table.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.table.tableName]: { Keys: requested, ProjectionExpression: 'programId, finishedAt' },
            },
          }),
        );
        for (const item of result.Responses?.[this.table.tableName] ?? [])
          if (typeof item.programId === 'string' && typeof item.finishedAt === 'string')
            finished.set(item.programId, item.finishedAt);
        requested = result.UnprocessedKeys?.[this.table.tableName]?.Keys;
      }
    }
    return finished;
  }
}

const BATCH_GET_LIMIT = 100;
