import { sdkDocumentClient } from '../../../shared/aws/sdk-document-client';
import { DeleteCommand } from '../../../shared/aws/dynamodb-document-client';
import { BackfillStore } from '../../../shared/backfill/backfill-store';
import { partneroPageReader } from '../../../shared/backfill/partnero-pages';
import { sendQueueMessages } from '../../../shared/queue/send-queue-messages';
import { createAttioClient } from '../../../shared/attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../../../shared/attio/attio-http';
import { migrateProgramDirectory } from '../../../shared/operations/program-directory-migration';
import { AttioSchemaCache } from '../../../shared/attio/attio-schema-cache';
import { ProgramContextLoader } from '../../../shared/programs/program-context';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import {
  reconcilePrograms,
  type ReconcileProgramsDependencies,
} from '../../../shared/reconciliation/reconcile-programs';
import { ReconciliationReports } from '../../../shared/reconciliation/reconciliation-report';
import { tokenCipherFromEnvironment } from '../../../shared/security/token-cipher';
import { keys } from '../../../shared/store/keys';
import type { SyncTable } from '../../../shared/store/sync-table';
import { AuditLog } from '../../../shared/sync/audit-log';
import { LinkRepository } from '../../../shared/sync/link-repository';
import { localDynamoDbClient, localSqsClient } from '../../support/local-aws-clients';
import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';
import { startBackfillWorld, type BackfillWorld } from '../backfill/backfill-world';
import { recordsOf, settle } from '../partnero-to-attio/sync-world';

describe('the scheduled reconciliation lists programs from the directory', () => {
  let backfill: BackfillWorld;
  beforeAll(async () => {
    backfill = await startBackfillWorld();
  });
  afterAll(async () => {
    await backfill?.stop();
  });

  /** The job's own dependencies over a DynamoDB client that notes the name of every command it sends. */
  function countingJob(): { deps: ReconcileProgramsDependencies; commands: string[]; stop(): void } {
    const commands: string[] = [];
    const raw = localDynamoDbClient();
    raw.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName ?? 'unknown');
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
    const table: SyncTable = { client: sdkDocumentClient(raw), tableName: backfill.world.table.tableName };
    const sqsClient = localSqsClient();
    const sqs = sdkSqsBatchSender(sqsClient);
    const { world } = backfill;
    const deps: ReconcileProgramsDependencies = {
      table,
      programs: new ProgramContextLoader(new ProgramRepository(table), tokenCipherFromEnvironment()),
      links: new LinkRepository(table),
      pagesFor: (apiKey) => partneroPageReader({ apiUrl: world.partnero.url, apiKey }),
      attioFor: (accessToken) =>
        createAttioClient({ apiUrl: world.attio.url, accessToken, waitOutRateLimits: WAIT_OUT_RATE_LIMITS }),
      schemas: new AttioSchemaCache(),
      sendToPartneroQueue: (messages) =>
        sendQueueMessages(sqs, world.stack.resources.queues['partnero-to-attio'].url, messages),
      sendToAttioQueue: (messages) =>
        sendQueueMessages(sqs, world.stack.resources.queues['attio-to-partnero'].url, messages),
      audit: new AuditLog(table),
      reports: new ReconciliationReports(table),
      backfills: new BackfillStore(table),
    };
    return {
      deps,
      commands,
      stop() {
        sqsClient.destroy();
        raw.destroy();
      },
    };
  }

  it('lists programs without a Scan, skips a program whose backfill runs, and still finds drift', async () => {
    // Prepare: drift in two programs (a partner whose webhooks were lost); the second one's backfill is paging Partnero.
    const { world } = backfill;
    const drifting = await backfill.quietProgram();
    const backfilling = await backfill.quietProgram();
    const lost = world.partnero.control.partners.create(drifting.programId, {
      email: 'lost@affiliates.example',
      name: 'Lou',
    });
    world.partnero.control.partners.create(backfilling.programId, { email: 'waiting@affiliates.example', name: 'Wai' });
    await new BackfillStore(world.table).start(backfilling.programId, ['partner'], 'admin');
    const job = countingJob();
    try {
      // Act
      const pass = await reconcilePrograms(job.deps, Date.now() + 30_000);
      await settle(world);
      // Assess
      expect(job.commands).not.toContain('ScanCommand');
      // Before the first program: the directory and the backfill work list (one Query each), the last runs (one BatchGet).
      expect(job.commands.slice(0, 3).sort()).toEqual(['BatchGetItemCommand', 'QueryCommand', 'QueryCommand']);
      expect(pass.backfilling).toEqual([backfilling.programId]);
      expect(pass.reconciled.map((summary) => summary.programId)).toContain(drifting.programId);
      expect(pass.reconciled.map((summary) => summary.programId)).not.toContain(backfilling.programId);
      const report = pass.reconciled.find((summary) => summary.programId === drifting.programId);
      expect(report?.repairs).toEqual([
        {
          record: `partner:${lost.id}`,
          event: 'partner.updated',
          reason: 'the partner has no Attio record (a missed webhook)',
        },
      ]);
      expect(recordsOf(world, drifting, 'people')).toHaveLength(1);
      expect(await new ReconciliationReports(world.table).latest(backfilling.programId)).toBeNull();
    } finally {
      job.stop();
    }
  });

  it('reaches a program registered before the directory only after the one-time migration', async () => {
    // Prepare: a program whose registration predates the directory (its entry is missing).
    const { world } = backfill;
    const legacy = await backfill.quietProgram();
    await world.table.client.send(
      new DeleteCommand({
        TableName: world.table.tableName,
        Key: { pk: keys.programDirectoryPartition, sk: keys.programDirectoryEntry(legacy.programId) },
      }),
    );
    const job = countingJob();
    try {
      const before = await reconcilePrograms(job.deps, Date.now() + 30_000);
      // Act
      const dryRun = await migrateProgramDirectory(world.table, { dryRun: true });
      const migrated = await migrateProgramDirectory(world.table, { dryRun: false });
      const again = await migrateProgramDirectory(world.table, { dryRun: false });
      const after = await reconcilePrograms(job.deps, Date.now() + 30_000);
      // Assess
      expect(before.reconciled.map((summary) => summary.programId)).not.toContain(legacy.programId);
      expect(dryRun.added.map((entry) => entry.programId)).toEqual([legacy.programId]);
      expect(migrated.added.map((entry) => entry.programId)).toEqual([legacy.programId]);
      expect(again.added).toEqual([]);
      expect(again.present).toBe(again.registrations);
      expect(after.reconciled.map((summary) => summary.programId)).toContain(legacy.programId);
      expect(await new ProgramRepository(world.table).listPrograms({ limit: 100 })).toMatchObject({
        programs: expect.arrayContaining([
          expect.objectContaining({ programId: legacy.programId, displayName: legacy.programId }),
        ]),
      });
    } finally {
      job.stop();
    }
  });
});
