import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '../aws/dynamodb-document-client';
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
  /** Hash of the Attio values this service last wrote: an Attio event whose mapped values hash to it is our echo (`echo-suppression.ts`). */
  attioWrittenHash: z.string().nullable(),
  /**
   * Hash of the values the last write sent (`RecordPlan.hash`): the next plan hashing the same
   * changes nothing mapped, even when the record also holds values the sales team added (a
   * second email a PATCH kept), which make `attioWrittenHash` differ. Absent on older links.
   */
  attioPlannedHash: z.string().nullable().optional(),
  /** The same without a partner's detail-only figures (`partner-performance.ts`): what a partner list can be compared with. */
  attioPlannedHashWithoutFigures: z.string().nullable().optional(),
  /** Hash of the Partnero values this service last wrote: a Partnero webhook with these values is our echo (`echo-suppression.ts`). */
  partneroWrittenHash: z.string().nullable(),
  /** Partnero `updated_at` of the last applied version: older deliveries are stale. */
  partneroVersion: z.string().nullable(),
  updatedAt: z.string(),
});
export type RecordLink = z.infer<typeof recordLinkSchema>;

/** Which side of a link its writer found it by; that side is written last (see `LinkRepository.save`). */
export type LinkSide = 'partnero' | 'attio';

export interface LinkSaveOptions {
  /** The Attio record the link pointed to before, when it moves (a merge, a record recreated after deletion). */
  readonly previousAttioRecordId?: string;
  /** @default 'partnero' */
  readonly foundBy?: LinkSide;
}

const linkKeyAttributes = ['pk', 'sk', 'side'];

function parseLink(item: Record<string, unknown>): RecordLink {
  return recordLinkSchema.parse(
    Object.fromEntries(Object.entries(item).filter(([name]) => !linkKeyAttributes.includes(name))),
  );
}

export class LinkRepository {
  constructor(private readonly table: SyncTable) {}

  async findByPartneroId(programId: string, kind: LinkedKind, partneroId: string): Promise<RecordLink | undefined> {
    return this.get(programId, keys.partneroLink(kind, partneroId));
  }

  async findByAttioRecordId(
    programId: string,
    attioRecordId: string,
    kind: LinkedKind,
  ): Promise<RecordLink | undefined> {
    return this.get(programId, keys.attioLink(attioRecordId, kind));
  }

  /** Every link of one Attio record: a person may be a partner and a customer at once. */
  async linksOfAttioRecord(programId: string, attioRecordId: string): Promise<RecordLink[]> {
    const result = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.programPartition(programId),
          ':prefix': keys.attioLinks(attioRecordId),
        },
        ConsistentRead: true,
      }),
    );
    // At most one item per kind: never more than a page.
    return (result.Items ?? []).map(parseLink);
  }

  /**
   * Writes both sides of a link as two plain puts (1 WRU each; a transaction of the two cost 4),
   * in an order that makes a crash between them harmless:
   *
   *   the other direction's side ──▶ the writer's own side (the side `foundBy` names) ──▶ delete
   *                                                                                      the old Attio side
   *
   * The writer finds the link by its own side, so its own side is the commit point: until it is
   * written, a retry of the same message finds the link as it was and does the work again (an
   * assert on the tag finds the record it created, a claim finds the transaction it paid), and
   * the other side, written first, already holds what the other direction needs (a sale linked
   * to its deal before Partnero's `transaction.created` comes back). The old Attio side of a
   * moved link goes last, after the Partnero side (a retry from Partnero sees the old record
   * and moves it again) and, for a merge, as the step whose absence a redelivered merge finds.
   * Two workers saving one link at once may leave the sides with each other's hashes; as with
   * a transaction, the later save wins on each side, and a hash the other side misses costs at
   * most one redundant write, which the echo checks and the circuit breaker bound.
   */
  async save(link: RecordLink, options: LinkSaveOptions = {}): Promise<void> {
    const valid = recordLinkSchema.parse(link);
    const pk = keys.programPartition(valid.programId);
    const partneroSide = { pk, sk: keys.partneroLink(valid.kind, valid.partneroId), side: 'partnero', ...valid };
    const attioSide = { pk, sk: keys.attioLink(valid.attioRecordId, valid.kind), side: 'attio', ...valid };
    const foundBy = options.foundBy ?? 'partnero';
    for (const item of foundBy === 'partnero' ? [attioSide, partneroSide] : [partneroSide, attioSide]) {
      await this.table.client.send(new PutCommand({ TableName: this.table.tableName, Item: item }));
    }
    const previous = options.previousAttioRecordId;
    if (previous && previous !== valid.attioRecordId) {
      await this.table.client.send(
        new DeleteCommand({ TableName: this.table.tableName, Key: { pk, sk: keys.attioLink(previous, valid.kind) } }),
      );
    }
  }

  /** Moves a link to the record that survived an Attio merge (found by the merged-away record). Returns the moved link. */
  async moveToAttioRecord(link: RecordLink, toRecordId: string, now: Date = new Date()): Promise<RecordLink> {
    const moved: RecordLink = { ...link, attioRecordId: toRecordId, updatedAt: now.toISOString() };
    await this.save(moved, { previousAttioRecordId: link.attioRecordId, foundBy: 'attio' });
    return moved;
  }

  async delete(link: RecordLink): Promise<void> {
    const pk = keys.programPartition(link.programId);
    await this.table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: { TableName: this.table.tableName, Key: { pk, sk: keys.partneroLink(link.kind, link.partneroId) } },
          },
          {
            Delete: { TableName: this.table.tableName, Key: { pk, sk: keys.attioLink(link.attioRecordId, link.kind) } },
          },
        ],
      }),
    );
  }

  private async get(programId: string, sk: string): Promise<RecordLink | undefined> {
    const result = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { pk: keys.programPartition(programId), sk },
        ConsistentRead: true,
      }),
    );
    return result.Item ? parseLink(result.Item) : undefined;
  }
}
