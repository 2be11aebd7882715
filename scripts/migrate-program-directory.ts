/**
 * One-time migration, run by an operator once per stage: adds the directory entry of every
 * program registered before registration wrote one (see shared/operations/program-directory-migration.ts).
 * The scheduled reconciliation lists programs from that directory only, so until this has run
 * such programs are not reconciled. Dry run first:
 *
 *   npm run migrate-program-directory -- --dry-run
 *   npm run migrate-program-directory
 *
 * The table comes from SYNC_TABLE_NAME or --table (the stack outputs it). It Scans the table once.
 */
import { parseArgs } from 'node:util';
import { ENV } from '../shared/config/environment-names';
import { migrateProgramDirectory } from '../shared/operations/program-directory-migration';
import { sdkSyncTable } from '../shared/store/sdk-sync-table';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, table: { type: 'string' } },
  });
  const tableName = values.table ?? process.env[ENV.syncTableName];
  if (!tableName) throw new Error(`set --table (or ${ENV.syncTableName})`);
  const dryRun = values['dry-run'] ?? false;
  const result = await migrateProgramDirectory(sdkSyncTable(tableName), { dryRun });
  console.table(
    result.added.map((entry) => ({
      programId: entry.programId,
      displayName: entry.displayName,
      registeredAt: entry.registeredAt,
    })),
  );
  console.log(
    dryRun
      ? `dry run: ${result.added.length} of ${result.registrations} registered program(s) would be added to the directory; nothing was changed`
      : `added ${result.added.length} program(s) to the directory; ${result.present} already listed`,
  );
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
