import { paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import { commissionClaimSchema, type CommissionClaim } from '../commissions/commission-claim';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import { recordLinkSchema, type LinkedKind, type RecordLink } from '../sync/link-repository';

/**
 * Every registered program. A scan that keeps only registration items: the job runs a few times
 * a day, and the table has no index by item type to query instead.
 */
export async function registeredProgramIds(table: SyncTable): Promise<string[]> {
  const ids: string[] = [];
  const pages = paginateScan(
    { client: table.client },
    { TableName: table.tableName, FilterExpression: 'sk = :registration', ExpressionAttributeValues: { ':registration': keys.program }, ProjectionExpression: 'programId' },
  );
  for await (const page of pages) for (const item of page.Items ?? []) if (typeof item.programId === 'string') ids.push(item.programId);
  return ids.sort();
}

/** The program's commission claims, every state. */
export async function claimsOf(table: SyncTable, programId: string): Promise<CommissionClaim[]> {
  const claims: CommissionClaim[] = [];
  for await (const item of itemsUnder(table, programId, keys.dealClaim(''))) {
    const { pk: _pk, sk: _sk, ...claim } = item;
    claims.push(commissionClaimSchema.parse(claim));
  }
  return claims;
}

/** The program's links of one kind, Partnero side (one item per Partnero record). */
export async function linksOf(table: SyncTable, programId: string, kind: LinkedKind): Promise<RecordLink[]> {
  const links: RecordLink[] = [];
  for await (const item of itemsUnder(table, programId, keys.partneroLink(kind, ''))) {
    const { pk: _pk, sk: _sk, side: _side, ...link } = item;
    links.push(recordLinkSchema.parse(link));
  }
  return links;
}

/** Every item of the program's partition whose sort key starts with `prefix`, page after page, read consistently. */
async function* itemsUnder(table: SyncTable, programId: string, prefix: string): AsyncGenerator<Record<string, unknown>> {
  const pages = paginateQuery(
    { client: table.client },
    {
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.programPartition(programId), ':prefix': prefix },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) yield* page.Items ?? [];
}
