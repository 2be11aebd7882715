import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
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

const checkedSchema = z.object({ partner: z.number(), customer: z.number(), transaction: z.number(), deal: z.number() });

export const reconciliationSummarySchema = z.object({
  programId: z.string(),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** False when the run ran out of time before it compared everything; the next run starts over. */
  complete: z.boolean(),
  /** Records compared, per kind (`deal`: Attio deals and commission claims). */
  checked: checkedSchema,
  repairCount: z.number(),
  /** The first repairs, for the status page; every one is also in the sync history. */
  repairs: z.array(reconciliationRepairSchema),
});
export type ReconciliationSummary = z.infer<typeof reconciliationSummarySchema>;

const SK = 'RECONCILIATION';
const MAX_LISTED_REPAIRS = 50;

/** The latest reconciliation of each program, kept beside its settings. */
export class ReconciliationReports {
  constructor(private readonly table: SyncTable) {}

  async save(summary: ReconciliationSummary): Promise<void> {
    const item = reconciliationSummarySchema.parse({ ...summary, repairs: summary.repairs.slice(0, MAX_LISTED_REPAIRS) });
    await this.table.client.send(new PutCommand({ TableName: this.table.tableName, Item: { pk: keys.programPartition(summary.programId), sk: SK, ...item } }));
  }

  async latest(programId: string): Promise<ReconciliationSummary | null> {
    const result = await this.table.client.send(new GetCommand({ TableName: this.table.tableName, Key: { pk: keys.programPartition(programId), sk: SK }, ConsistentRead: true }));
    if (!result.Item) return null;
    const { pk: _pk, sk: _sk, ...summary } = result.Item;
    return reconciliationSummarySchema.parse(summary);
  }
}
