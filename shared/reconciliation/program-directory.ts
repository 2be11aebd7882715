import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
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
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: 'sk = :registration',
        ExpressionAttributeValues: { ':registration': keys.program },
        ProjectionExpression: 'programId',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) if (typeof item.programId === 'string') ids.push(item.programId);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids.sort();
}

/** The program's commission claims, every state. */
export async function claimsOf(table: SyncTable, programId: string): Promise<CommissionClaim[]> {
  const claims: CommissionClaim[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.programPartition(programId), ':prefix': keys.dealClaim('') },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, ...claim } = item;
      claims.push(commissionClaimSchema.parse(claim));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return claims;
}

/** The program's links of one kind, Partnero side (one item per Partnero record). */
export async function linksOf(table: SyncTable, programId: string, kind: LinkedKind): Promise<RecordLink[]> {
  const links: RecordLink[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.programPartition(programId), ':prefix': keys.partneroLink(kind, '') },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, side: _side, ...link } = item;
      links.push(recordLinkSchema.parse(link));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return links;
}
