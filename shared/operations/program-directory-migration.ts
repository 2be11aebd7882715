import { GetCommand, paginateScan, PutCommand, isConditionalCheckFailure } from '../aws/dynamodb-document-client';
import { programDirectoryEntrySchema, type ProgramDirectoryEntry } from '../programs/program-repository';
import { keys } from '../store/keys';
import type { SyncTable } from '../store/sync-table';

export interface DirectoryMigrationResult {
  /** Registrations found by the scan. */
  readonly registrations: number;
  /** Directory entries written (or, in a dry run, that would be). */
  readonly added: ProgramDirectoryEntry[];
  /** Registrations that already had their entry. */
  readonly present: number;
}

/**
 * Adds the directory entry (`PROGRAMS` / `PROGRAM#<id>`) of every program registered before
 * registration wrote one, so the scheduled reconciliation and the admin API, which only Query
 * the directory, see them. Run once per stage, by an operator, after deploying the directory:
 *
 *   npm run migrate-program-directory -- --dry-run
 *   npm run migrate-program-directory
 *
 * This is the one place that Scans the sync table: it reads every item once (the filter keeps
 * only registrations, but DynamoDB charges for what it reads). It is safe to run again: an entry
 * that exists is left as it is (a re-registration may have written a newer one meanwhile).
 */
export async function migrateProgramDirectory(
  table: SyncTable,
  options: { readonly dryRun: boolean },
): Promise<DirectoryMigrationResult> {
  const added: ProgramDirectoryEntry[] = [];
  let registrations = 0;
  let present = 0;
  const pages = paginateScan(
    { client: table.client },
    {
      TableName: table.tableName,
      FilterExpression: 'sk = :registration AND begins_with(pk, :programs)',
      ExpressionAttributeValues: { ':registration': keys.program, ':programs': keys.programPartition('') },
      ProjectionExpression: 'programId, displayName, registeredAt, updatedAt',
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const entry = programDirectoryEntrySchema.safeParse(item);
      if (!entry.success) continue;
      registrations += 1;
      if (options.dryRun ? await hasEntry(table, entry.data.programId) : !(await addEntry(table, entry.data))) {
        present += 1;
        continue;
      }
      added.push(entry.data);
    }
  }
  return { registrations, added, present };
}

async function addEntry(table: SyncTable, entry: ProgramDirectoryEntry): Promise<boolean> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: keys.programDirectoryPartition, sk: keys.programDirectoryEntry(entry.programId), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

async function hasEntry(table: SyncTable, programId: string): Promise<boolean> {
  const result = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: keys.programDirectoryPartition, sk: keys.programDirectoryEntry(programId) },
      ProjectionExpression: 'pk',
    }),
  );
  return result.Item !== undefined;
}
