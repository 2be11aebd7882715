/**
 * What the scheduled reconciliation reads to list its programs, in a table that also holds a sync
 * history: the directory Query it uses (shared/reconciliation/program-directory.ts) beside the Scan
 * it used before, and the floor, the directory entries themselves (a read unit per 4 KB, halved
 * for an eventually consistent read as DynamoDB bills it). DynamoDB Local reports the units.
 * Run: npm run bench:reconciliation-listing (5,000 programs, 20 history items each).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sdkDocumentClient } from '../shared/aws/sdk-document-client';
import { BatchWriteCommand, paginateScan } from '../shared/aws/dynamodb-document-client';
import { performance } from 'node:perf_hooks';
import { localCredentials, LOCAL_REGION } from '../local/aws/local-credentials';
import { startLocalAws } from '../local/aws/local-aws';
import { provisionLocalResources } from '../local/provision';
import { registeredProgramIds } from '../shared/reconciliation/program-directory';
import { keys } from '../shared/store/keys';
import type { SyncTable } from '../shared/store/sync-table';
import { isSmoke, report, round } from './support/report';

const programs = isSmoke ? 40 : 5_000;
const historyPerProgram = isSmoke ? 5 : 20;

interface Reads {
  requests: number;
  units: number;
}

/** A document client that asks for, and adds up, the read units of every request it sends. */
function countingTable(endpoint: string, tableName: string): { table: SyncTable; reads: Reads; raw: DynamoDBClient } {
  const reads: Reads = { requests: 0, units: 0 };
  const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });
  raw.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      reads.requests += 1;
      reads.units +=
        (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'countReadUnits' },
  );
  return { table: { client: sdkDocumentClient(raw), tableName }, reads, raw };
}

async function seed(table: SyncTable): Promise<number> {
  const now = new Date().toISOString();
  const items: Record<string, unknown>[] = [];
  for (let index = 0; index < programs; index += 1) {
    const programId = `prog_${String(index).padStart(5, '0')}`;
    const entry = { programId, displayName: `Program ${index}`, registeredAt: now, updatedAt: now };
    items.push({ pk: keys.programDirectoryPartition, sk: keys.programDirectoryEntry(programId), ...entry });
    items.push({
      pk: keys.programPartition(programId),
      sk: keys.program,
      ...entry,
      partneroApiKeyCiphertext: 'x'.repeat(120),
    });
    for (let event = 0; event < historyPerProgram; event += 1) {
      items.push({
        pk: keys.auditPartition(programId),
        sk: `${now}#${event}`,
        programId,
        direction: 'partnero-to-attio',
        sourceEvent: 'partner.updated',
        sourceRecord: `partner:${event}`,
        outcome: 'applied',
        reason: 'written'.repeat(20),
      });
    }
  }
  for (let index = 0; index < items.length; index += 25) {
    let requests: Record<string, unknown>[] | undefined = items
      .slice(index, index + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (requests && requests.length > 0) {
      const result = await table.client.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }));
      requests = result.UnprocessedItems?.[table.tableName] as Record<string, unknown>[] | undefined;
    }
  }
  return items.length;
}

/** The listing the job did before: a Scan keeping registrations only. */
async function scannedProgramIds(table: SyncTable): Promise<string[]> {
  const ids: string[] = [];
  const pages = paginateScan(
    { client: table.client },
    {
      TableName: table.tableName,
      FilterExpression: 'sk = :registration',
      ExpressionAttributeValues: { ':registration': keys.program },
      ProjectionExpression: 'programId',
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) if (typeof item.programId === 'string') ids.push(item.programId);
  return ids;
}

async function measure(
  label: string,
  endpoint: string,
  tableName: string,
  list: (table: SyncTable) => Promise<string[]>,
) {
  const { table, reads, raw } = countingTable(endpoint, tableName);
  try {
    const started = performance.now();
    const ids = await list(table);
    return {
      listing: label,
      programs: ids.length,
      requests: reads.requests,
      'read units': round(reads.units, 1),
      ms: round(performance.now() - started, 0),
    };
  } finally {
    raw.destroy();
  }
}

/** An item's size as DynamoDB counts it for string attributes: each name's and value's UTF-8 bytes. */
function itemBytes(item: Record<string, string>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );
}

async function main(): Promise<void> {
  const aws = await startLocalAws();
  try {
    const resources = await provisionLocalResources({
      dynamoDbEndpoint: aws.dynamoDbEndpoint,
      sqsEndpoint: aws.sqsEndpoint,
      prefix: `bench-listing-${Date.now()}`,
    });
    const { table, raw } = countingTable(aws.dynamoDbEndpoint, resources.syncTableName);
    const tableItems = await seed(table);
    raw.destroy();
    const query = await measure(
      'directory Query (the job now)',
      aws.dynamoDbEndpoint,
      resources.syncTableName,
      registeredProgramIds,
    );
    const scan = await measure(
      'Scan of the table (before)',
      aws.dynamoDbEndpoint,
      resources.syncTableName,
      scannedProgramIds,
    );
    // The floor: the directory entries' bytes as DynamoDB sizes an item (attribute names plus
    // UTF-8 values), one unit per 4 KB of a Query, halved for an eventually consistent read.
    const now = new Date().toISOString();
    const entryBytes = (programId: string) =>
      itemBytes({
        pk: keys.programDirectoryPartition,
        sk: keys.programDirectoryEntry(programId),
        programId,
        displayName: `Program ${Number(programId.slice(5))}`,
        registeredAt: now,
        updatedAt: now,
      });
    let directoryBytes = 0;
    for (let index = 0; index < programs; index += 1)
      directoryBytes += entryBytes(`prog_${String(index).padStart(5, '0')}`);
    const floorUnits = Math.ceil(directoryBytes / 4096) / 2;
    report(
      'reconciliation-listing',
      [
        query,
        scan,
        {
          listing: 'floor: the directory entries only',
          programs,
          requests: Math.ceil(directoryBytes / 1_048_576),
          'read units': round(floorUnits, 1),
          ms: '',
        },
      ].map((row) => ({ ...row, 'table items': tableItems })),
      {
        programs,
        historyPerProgram,
        note: 'read units as DynamoDB Local reports them (ReturnConsumedCapacity TOTAL); the Scan grows with the table, the Query with the programs',
      },
      { smoke: isSmoke },
    );
  } finally {
    await aws.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
