import { paginateQuery } from '../aws/dynamodb-document-client';
import { commissionClaimSchema, type CommissionClaim } from '../commissions/commission-claim';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';
import { recordLinkSchema, type LinkedKind, type RecordLink } from '../sync/link-repository';

/**
 * Every registered program, from the directory registration writes beside each registration
 * (`PROGRAMS` / `PROGRAM#<id>`, see ProgramRepository.putRegistration): one paginated Query on
 * that one partition, in id order, so listing 5,000 programs reads about 5,000 small items
 * (a few requests of 1 MB) however large the sync history grows. Never a Scan: programs
 * registered before the directory existed are added to it once by
 * `npm run migrate-program-directory` (scripts/migrate-program-directory.ts).
 */
export async function registeredProgramIds(table: SyncTable): Promise<string[]> {
  const ids: string[] = [];
  const pages = paginateQuery(
    { client: table.client },
    {
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.programDirectoryPartition, ':prefix': keys.programDirectoryEntry('') },
      ProjectionExpression: 'programId',
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) if (typeof item.programId === 'string') ids.push(item.programId);
  return ids;
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
async function* itemsUnder(
  table: SyncTable,
  programId: string,
  prefix: string,
): AsyncGenerator<Record<string, unknown>> {
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
