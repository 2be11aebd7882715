import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';

export const linkedKinds = ['partner', 'customer', 'transaction'] as const;
export type LinkedKind = (typeof linkedKinds)[number];

/**
 * The identity of one synced record on both sides, with what we last wrote to each side.
 * Matching goes through links, never through mutable attributes such as email, so an email
 * change updates the linked record instead of creating a second one.
 */
export const recordLinkSchema = z.object({
  programId: z.string(),
  kind: z.enum(linkedKinds),
  partneroId: z.string(),
  attioObject: z.string(),
  attioRecordId: z.string(),
  /** Hash of the Attio values this service last wrote: an Attio event whose mapped values hash to it is our echo. */
  attioWrittenHash: z.string().nullable(),
  /**
   * Hash of the values the last write sent (`RecordPlan.hash`): the next plan hashing the same
   * changes nothing mapped, even when the record also holds values the sales team added (a
   * second email a PATCH kept), which make `attioWrittenHash` differ. Absent on older links.
   */
  attioPlannedHash: z.string().nullable().optional(),
  /** Hash of the Partnero values this service last wrote: a Partnero webhook with these values is our echo. */
  partneroWrittenHash: z.string().nullable(),
  /** Partnero `updated_at` of the last applied version: older deliveries are stale. */
  partneroVersion: z.string().nullable(),
  updatedAt: z.string(),
});
export type RecordLink = z.infer<typeof recordLinkSchema>;

const linkKeyAttributes = ['pk', 'sk', 'side'];

function parseLink(item: Record<string, unknown>): RecordLink {
  return recordLinkSchema.parse(Object.fromEntries(Object.entries(item).filter(([name]) => !linkKeyAttributes.includes(name))));
}

export class LinkRepository {
  constructor(private readonly table: SyncTable) {}

  async findByPartneroId(programId: string, kind: LinkedKind, partneroId: string): Promise<RecordLink | undefined> {
    return this.get(programId, keys.partneroLink(kind, partneroId));
  }

  async findByAttioRecordId(programId: string, attioRecordId: string, kind: LinkedKind): Promise<RecordLink | undefined> {
    return this.get(programId, keys.attioLink(attioRecordId, kind));
  }

  /** Every link of one Attio record: a person may be a partner and a customer at once. */
  async linksOfAttioRecord(programId: string, attioRecordId: string): Promise<RecordLink[]> {
    const result = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.programPartition(programId), ':prefix': keys.attioLinks(attioRecordId) },
        ConsistentRead: true,
      }),
    );
    // At most one item per kind: never more than a page.
    return (result.Items ?? []).map(parseLink);
  }

  /**
   * Writes both sides of a link in one transaction. When the Attio record changed (a merge, or
   * a record recreated after deletion) the old Attio-side item goes in the same transaction.
   */
  async save(link: RecordLink, previousAttioRecordId?: string): Promise<void> {
    const valid = recordLinkSchema.parse(link);
    const pk = keys.programPartition(valid.programId);
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      { Put: { TableName: this.table.tableName, Item: { pk, sk: keys.partneroLink(valid.kind, valid.partneroId), side: 'partnero', ...valid } } },
      { Put: { TableName: this.table.tableName, Item: { pk, sk: keys.attioLink(valid.attioRecordId, valid.kind), side: 'attio', ...valid } } },
    ];
    if (previousAttioRecordId && previousAttioRecordId !== valid.attioRecordId) {
      items.push({ Delete: { TableName: this.table.tableName, Key: { pk, sk: keys.attioLink(previousAttioRecordId, valid.kind) } } });
    }
    await this.table.client.send(new TransactWriteCommand({ TransactItems: items }));
  }

  /** Moves a link to the record that survived an Attio merge. Returns the moved link. */
  async moveToAttioRecord(link: RecordLink, toRecordId: string, now: Date = new Date()): Promise<RecordLink> {
    const moved: RecordLink = { ...link, attioRecordId: toRecordId, updatedAt: now.toISOString() };
    await this.save(moved, link.attioRecordId);
    return moved;
  }

  async delete(link: RecordLink): Promise<void> {
    const pk = keys.programPartition(link.programId);
    await this.table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table.tableName, Key: { pk, sk: keys.partneroLink(link.kind, link.partneroId) } } },
          { Delete: { TableName: this.table.tableName, Key: { pk, sk: keys.attioLink(link.attioRecordId, link.kind) } } },
        ],
      }),
    );
  }

  private async get(programId: string, sk: string): Promise<RecordLink | undefined> {
    const result = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: { pk: keys.programPartition(programId), sk }, ConsistentRead: true }),
    );
    return result.Item ? parseLink(result.Item) : undefined;
  }
}
