import { randomBytes } from 'node:crypto';
import { BackfillStore } from '../../../shared/backfill/backfill-store';
import {
  defaultBackfillRunnerOptions,
  runBackfills,
  type BackfillRunnerDependencies,
  type ProgramPass,
} from '../../../shared/backfill/backfill-runner';
import { partneroPageReader } from '../../../shared/backfill/partnero-pages';
import { sendQueueMessages } from '../../../shared/queue/send-queue-messages';
import { ProgramContextLoader } from '../../../shared/programs/program-context';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { tokenCipherFromEnvironment } from '../../../shared/security/token-cipher';
import { localSqsClient } from '../../support/local-aws-clients';
import {
  connectProgram,
  startCaptureServer,
  startSyncWorld,
  type ConnectedProgram,
  type ConnectOptions,
  type SyncWorld,
} from '../partnero-to-attio/sync-world';
import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';

/**
 * The Partnero -> Attio world of `sync-world.ts` with what backfills and reconciliation add: the
 * app secrets the admin and settings routes check, and programs whose Partnero webhooks go to a
 * capture server instead of the sync's route, so every record made in Partnero is one the sync
 * never heard of (an existing record, or a lost webhook).
 */
export interface BackfillWorld {
  readonly world: SyncWorld;
  readonly adminToken: string;
  /** A program whose Partnero webhooks never reach the sync. */
  quietProgram(options?: Omit<ConnectOptions, 'webhookUrl'>): Promise<ConnectedProgram>;
  /** One pass of the real runner over the world's tables, Partnero and queue. */
  runBackfills(
    overrides?: Partial<Pick<BackfillRunnerDependencies, 'afterPageSent'>> & { pageSize?: number },
  ): Promise<ProgramPass[]>;
  stop(): Promise<void>;
}

export async function startBackfillWorld(): Promise<BackfillWorld> {
  const adminToken = randomBytes(24).toString('hex');
  // The local stack adds its own variables to the environment the handlers read at load.
  Object.assign(process.env, {
    ATTIO_CLIENT_ID: 'backfill-tests',
    ATTIO_CLIENT_SECRET: randomBytes(16).toString('hex'),
    SETTINGS_LINK_SIGNING_KEY: randomBytes(32).toString('hex'),
    ADMIN_API_TOKEN: adminToken,
  });
  const world = await startSyncWorld();
  const capture = await startCaptureServer();
  const sqs = localSqsClient();
  const store = new BackfillStore(world.table);
  const programs = new ProgramContextLoader(new ProgramRepository(world.table), tokenCipherFromEnvironment());
  return {
    world,
    adminToken,
    quietProgram: (options = {}) => connectProgram(world, { ...options, webhookUrl: capture.url }),
    runBackfills: (overrides = {}) =>
      runBackfills(
        {
          store,
          programs,
          pagesFor: (apiKey) => partneroPageReader({ apiUrl: world.partnero.url, apiKey }),
          send: (messages) =>
            sendQueueMessages(sdkSqsBatchSender(sqs), world.stack.resources.queues['partnero-to-attio'].url, messages),
          audit: world.audit,
          options: {
            ...defaultBackfillRunnerOptions,
            owner: `test-${randomBytes(3).toString('hex')}`,
            pageSize: overrides.pageSize ?? defaultBackfillRunnerOptions.pageSize,
          },
          afterPageSent: overrides.afterPageSent,
        },
        Date.now() + 30_000,
      ),
    async stop() {
      sqs.destroy();
      await capture.stop();
      await world.stop();
    },
  };
}
