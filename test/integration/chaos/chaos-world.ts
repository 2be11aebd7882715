import { SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { queueWorkers } from '../../../functions/catalog';
import { localCredentials, LOCAL_REGION } from '../../../local/aws/local-credentials';
import {
  startEventSourceMapping,
  type RunningEventSourceMapping,
  type SqsHandler,
} from '../../../local/event-source-mapping';
import { startLocalStack, type LocalStack } from '../../../local/local-stack';
import { createAttioClient, type AttioClient } from '../../../shared/attio';
import { WAIT_OUT_RATE_LIMITS } from '../../../shared/attio/attio-http';
import { ClaimRepository } from '../../../shared/commissions/claim-repository';
import { createPartneroClient } from '../../../shared/partnero/partnero-client';
import { partneroSyncedEvents } from '../../../shared/partnero/webhook-delivery-schema';
import { syncAttributeDefinitions } from '../../../shared/programs/attio-sync-attributes';
import { tokenPurposes } from '../../../shared/programs/program-context';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import { ReconciliationReports } from '../../../shared/reconciliation/reconciliation-report';
import { LocalTokenCipher } from '../../../shared/security/token-cipher';
import type { SyncTable } from '../../../shared/store/sync-table';
import { AuditLog } from '../../../shared/sync/audit-log';
import { CIRCUIT_BREAKER_ENV } from '../../../shared/sync/circuit-breaker';
import { ENV } from '../../../shared/config/environment-names';
import type { SyncDirection } from '../../../shared/queue/sync-queues';
import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { startPartneroSimulator, type PartneroSimulator } from '../../../simulators/partnero';
import { FaultProxy, type ProviderChaos } from './fault-proxy';
import { killingHandler, type KillFigures } from './killing-handler';
import type { SeededRandom } from './seeded-random';
import { WebhookRelay, type RelayChaos } from './webhook-relay';
import { createTeamWorkspace } from '../../support/team-workspace';
import { messagesInQueue } from '../../support/queue-depth';
import { localStackSyncTable } from '../../support/local-stack-sync-table';
import { seededAttioConnection } from '../../support/seeded-attio-connection';

export interface ChaosSettings {
  readonly relay: RelayChaos;
  readonly providers: ProviderChaos;
  /** Probability that a worker invocation dies mid-batch. */
  readonly killBatch: number;
  readonly workerConcurrency: number;
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  /** The per-record circuit breaker's limit for this run. */
  readonly circuitBreakerMaxWrites: number;
}

export interface ChaosWorld {
  readonly stack: LocalStack;
  readonly partnero: PartneroSimulator;
  readonly attio: AttioSimulator;
  readonly relay: WebhookRelay;
  readonly proxies: Record<'attio' | 'partnero', FaultProxy>;
  readonly workers: Record<SyncDirection, RunningEventSourceMapping>;
  readonly kills: KillFigures;
  readonly program: ChaosProgram;
  readonly table: SyncTable;
  readonly audit: AuditLog;
  readonly claims: ClaimRepository;
  /** Until every webhook reached the service and both queues are drained, twice in a row with nothing new. */
  drain(timeoutMs: number): Promise<void>;
  /**
   * One reconciliation of every program, as the schedule would run it, through the faulty
   * providers: run again while a program failed or was not reached. A run that meets a single
   * 500 or timeout fails as a whole, so a large program rarely gets through at these fault
   * rates; after a few such runs the faults are paused (and counted) so the soak can check the rest.
   * Each call is a full sweep, as the weekly one: the soak loses webhooks of every kind, and an
   * incremental run finds only what was created or moved since the last run.
   */
  reconcile(): Promise<ReconciliationFigures>;
  /** Messages in each dead-letter queue. */
  deadLetters(): Promise<Record<SyncDirection, number>>;
  stop(): Promise<void>;
}

export interface ReconciliationFigures {
  /** Runs of the job, counting the ones a provider fault cut short. */
  runs: number;
  /** Runs made with the provider faults paused, after as many failed with them. */
  runsWithoutFaults: number;
  /** Repairs enqueued: records whose drift (a lost webhook) the job found. */
  repaired: number;
}

export interface ChaosProgram {
  readonly programId: string;
  readonly partneroProgramId: string;
  readonly workspaceId: string;
  readonly memberId: string;
  readonly stageIds: Record<'lead' | 'won' | 'lost', string>;
}

/**
 * Both simulators behind fault proxies, their webhooks through the unreliable relay, the local
 * stack's real routes, and the real worker handlers behind event source mappings whose workers
 * die mid-batch now and then. One program connected both ways, as the connect flow leaves it.
 */
export async function startChaosWorld(
  random: SeededRandom,
  settings: ChaosSettings,
  endpoints: { dynamoDbEndpoint?: string; sqsEndpoint?: string } = {},
): Promise<ChaosWorld> {
  const [partnero, attio] = await Promise.all([
    startPartneroSimulator({ deliveries: { retryDelaysMs: [100, 300, 1_000, 2_000], timeoutMs: 5_000 } }),
    startAttioSimulator({
      dealsEnabled: true,
      deliveries: { retryDelaysMs: [100, 300, 1_000, 2_000], timeoutMs: 5_000 },
    }),
  ]);
  let apiUrl = '';
  const relay = new WebhookRelay(() => apiUrl, random.fork('relay'), settings.relay);
  const relayUrl = await relay.start();
  const proxies = {
    attio: new FaultProxy(
      attio.url,
      (plan) => attio.control.injectFault(plan),
      random.fork('attio-faults'),
      settings.providers,
    ),
    partnero: new FaultProxy(
      partnero.url,
      (plan) => partnero.control.injectFault(plan),
      random.fork('partnero-faults'),
      settings.providers,
    ),
  };
  const [attioProxyUrl, partneroProxyUrl] = await Promise.all([proxies.attio.start(), proxies.partnero.start()]);

  const tokenKey = randomBytes(32).toString('base64');
  const stack = await startLocalStack({
    ...endpoints,
    prefix: `chaos-${randomBytes(3).toString('hex')}`,
    attioApiUrl: attioProxyUrl,
    attioAppUrl: attio.url,
    partneroApiUrl: partneroProxyUrl,
    // The soak's one program sends hundreds of changes in seconds: at the default Partnero budget (5 requests/s per
    // program) draining them alone outlasts the soak. It checks convergence; the budget has its own tests.
    environment: {
      LOCAL_TOKEN_ENCRYPTION_KEY: tokenKey,
      [CIRCUIT_BREAKER_ENV.maxWrites]: String(settings.circuitBreakerMaxWrites),
      [ENV.partneroRequestsPerSecond]: '1000',
    },
    visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
    maxReceiveCount: settings.maxReceiveCount,
    startWorkers: false,
  });
  apiUrl = stack.apiUrl;

  const sqs = new SQSClient({ endpoint: stack.sqsEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  const kills: KillFigures = { invocations: 0, killed: 0 };
  const workers = {} as Record<SyncDirection, RunningEventSourceMapping>;
  for (const definition of queueWorkers) {
    const real = await stack.loadHandler<SqsHandler>(definition.name);
    const queue = stack.resources.queues[definition.direction];
    workers[definition.direction] = startEventSourceMapping({
      sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      functionName: definition.name,
      handler: killingHandler(real, random.fork(`kill-${definition.direction}`), settings.killBatch, kills),
      maxConcurrency: settings.workerConcurrency,
      waitTimeSeconds: 1,
    });
  }

  const { table, raw } = localStackSyncTable(stack);
  const program = await connectProgram({ partnero, attio, table, relayUrl, tokenKey });

  return {
    stack,
    partnero,
    attio,
    relay,
    proxies,
    workers,
    kills,
    program,
    table,
    audit: new AuditLog(table),
    claims: new ClaimRepository(table),
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      while (quiet < 2) {
        const seen = relay.figures.received;
        const left = () => Math.max(1_000, deadline - Date.now());
        await Promise.all([partnero.control.flushDeliveries(), attio.control.flushDeliveries()]);
        await relay.waitUntilDelivered(left());
        await Promise.all(Object.values(workers).map((worker) => worker.waitUntilIdle(left())));
        if (Date.now() > deadline) throw new Error(`not drained after ${timeoutMs} ms`);
        quiet = relay.figures.received === seen && relay.inFlight === 0 ? quiet + 1 : 0;
      }
    },
    async reconcile() {
      const figures: ReconciliationFigures = { runs: 0, runsWithoutFaults: 0, repaired: 0 };
      await new ReconciliationReports(table).requestFullSweep(program.programId);
      try {
        for (;;) {
          figures.runs += 1;
          const faulty = figures.runs <= 3;
          proxies.attio.paused = !faulty;
          proxies.partnero.paused = !faulty;
          if (!faulty) figures.runsWithoutFaults += 1;
          const pass = (await stack.runScheduled('reconciliation')) as {
            repaired: number;
            failed: number;
            notReached: number;
          };
          figures.repaired += pass.repaired;
          if (pass.failed === 0 && pass.notReached === 0) return figures;
          if (figures.runs >= 6) throw new Error(`reconciliation still failing after ${figures.runs} runs`);
        }
      } finally {
        proxies.attio.paused = false;
        proxies.partnero.paused = false;
      }
    },
    async deadLetters() {
      const counts = {} as Record<SyncDirection, number>;
      for (const definition of queueWorkers) {
        counts[definition.direction] = await messagesInQueue(
          sqs,
          stack.resources.queues[definition.direction].deadLetterUrl,
        );
      }
      return counts;
    },
    async stop() {
      await Promise.all(Object.values(workers).map((worker) => worker.stop()));
      await stack.stop();
      await relay.stop();
      await Promise.all([proxies.attio.stop(), proxies.partnero.stop()]);
      await Promise.all([partnero.stop(), attio.stop()]);
      sqs.destroy();
      raw.destroy();
    },
  };
}

/** Registration, Attio connection with our token's actor and a signed webhook, settings: what the connect flow leaves. */
async function connectProgram(parts: {
  partnero: PartneroSimulator;
  attio: AttioSimulator;
  table: SyncTable;
  relayUrl: string;
  tokenKey: string;
}): Promise<ChaosProgram> {
  const { partnero, attio, table, relayUrl } = parts;
  const programId = `chaos_${randomBytes(4).toString('hex')}`;
  const apiKey = `pk_${randomBytes(12).toString('hex')}`;
  const partneroProgram = partnero.control.createProgram({
    id: programId,
    apiKey,
    currency: 'USD',
    commissionPercent: 20,
  });
  const partneroWebhook = await createPartneroClient({ apiUrl: partnero.url, apiKey }).webhooks.create({
    name: 'Attio sync',
    url: `${relayUrl}/webhooks/partnero/${programId}`,
    events: [...partneroSyncedEvents],
  });

  const workspace = createTeamWorkspace(attio.control, programId);
  const { token, actor } = attio.control.issueToken(workspace.id);
  const attioAsService: AttioClient = createAttioClient({
    apiUrl: attio.url,
    accessToken: token,
    waitOutRateLimits: WAIT_OUT_RATE_LIMITS,
  });
  for (const { object, ...attribute } of syncAttributeDefinitions('people'))
    await attioAsService.attributes.ensure(object, attribute);
  const attioWebhook = await attioAsService.webhooks.create(
    `${relayUrl}/webhooks/attio/${programId}`,
    ['record.created', 'record.updated', 'record.deleted', 'record.merged'].map((eventType) => ({
      event_type: eventType,
      filter: null,
    })),
  );
  const statuses = attio.control.statuses('deals', 'stage', workspace.id);
  const stageId = (title: RegExp) => statuses.find((status) => title.test(status.title))?.id as string;
  const stageIds = { lead: stageId(/^Lead/), won: stageId(/^Won/), lost: stageId(/^Lost/) };

  const cipher = new LocalTokenCipher(parts.tokenKey);
  const encrypt = (plaintext: string, purpose: string) => cipher.encrypt(plaintext, { programId, purpose });
  const programs = new ProgramRepository(table);
  const now = new Date().toISOString();
  await programs.putRegistration({
    programId,
    displayName: programId,
    partneroApiKeyCiphertext: await encrypt(apiKey, tokenPurposes.partneroApiKey),
    partneroWebhookKey: partneroWebhook.key,
    partneroWebhookSecretCiphertext: await encrypt(
      partneroWebhook.signature as string,
      tokenPurposes.partneroWebhookSecret,
    ),
    registeredAt: now,
    updatedAt: now,
  });
  await programs.putAttioConnection(
    await seededAttioConnection(
      {
        programId,
        workspace,
        workspaceName: `Workspace ${programId}`,
        token,
        actor,
        webhook: { id: attioWebhook.id.webhook_id, secret: attioWebhook.secret },
      },
      cipher,
      now,
    ),
  );
  const stored = await programs.getSettings(programId);
  const settings = stored.settings;
  settings.customers.enabled = true;
  settings.deals.wonStageId = stageIds.won;
  settings.deals.reverseCommissionWhenUnwon = true;
  // Saved as the settings page's first Save leaves it: the sync has started.
  await programs.saveSettings(programId, settings, stored.version, new Date(), { syncStartedAt: now });
  return {
    programId,
    partneroProgramId: partneroProgram.id,
    workspaceId: workspace.id,
    memberId: workspace.memberIds[1] ?? (workspace.memberIds[0] as string),
    stageIds,
  };
}
