import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalStack, type LocalStack } from '../../../local/local-stack';
import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { startPartneroSimulator, type PartneroSimulator } from '../../../simulators/partnero';
import type { NewProgram } from '../../../simulators/partnero/model/partnero-world';
import { createAttioClient, type AttioClient } from '../../../shared/attio';
import { WAIT_OUT_RATE_LIMITS } from '../../../shared/attio/attio-http';
import { ENV } from '../../../shared/config/environment-names';
import { ClaimRepository } from '../../../shared/commissions/claim-repository';
import { tokenPurposes, WORKER_PROGRAM_CACHE_MS } from '../../../shared/programs/program-context';
import { ProgramRepository } from '../../../shared/programs/program-repository';
import type { ProgramSettings } from '../../../shared/programs/program-settings';
import { LocalTokenCipher } from '../../../shared/security/token-cipher';
import type { SyncTable } from '../../../shared/store/sync-table';
import { AuditLog, type AuditEntry } from '../../../shared/sync/audit-log';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';
import { localAwsEndpoints, uniquePrefix } from '../../support/local-aws-clients';
import { localStackSyncTable } from '../../support/local-stack-sync-table';

const PROGRAM_ID = 'acme-affiliates';

/**
 * The whole Attio -> Partnero path on 127.0.0.1: both simulators, the local stack (DynamoDB
 * Local, fauxqs FIFO queues with their DLQs, the real handlers from the catalog), and a program
 * connected the way the connect flow leaves it: registration, Attio connection with our token's
 * actor, a webhook in Attio signed with its secret, and settings with the won stage chosen.
 */
export interface AttioToPartneroHarness {
  readonly stack: LocalStack;
  readonly attio: AttioSimulator;
  readonly partnero: PartneroSimulator;
  readonly programId: string;
  readonly partneroProgramId: string;
  readonly partnerId: string;
  /** The Attio client with the service's own token: what the other direction writes with. */
  readonly attioAsService: AttioClient;
  readonly webhookUrl: string;
  readonly webhookSecret: string;
  readonly stageIds: Record<'lead' | 'won' | 'lost', string>;
  readonly table: SyncTable;
  readonly claims: ClaimRepository;
  /** Waits until Attio delivered every webhook and both sync queues are drained. */
  settle(): Promise<void>;
  changeSettings(adjust: (settings: ProgramSettings) => void): Promise<void>;
  /** A Partnero customer referred by the program's partner and the Attio person with the same email. */
  aBuyer(label: string): Promise<{ customerKey: string; email: string; personId: string }>;
  /** A deal created by a workspace member in the lead stage, bought by the person. */
  aDeal(label: string, personId: string, amount: number): Promise<string>;
  moveDeal(dealId: string, stage: 'lead' | 'won' | 'lost'): void;
  /** Every Partnero transaction recorded under the key, deleted ones included. */
  transactionsOf(key: string): ReturnType<PartneroSimulator['control']['transactions']['list']>;
  commission(): number;
  partneroRequests(): number;
  history(recordId: string): Promise<AuditEntry[]>;
  /** Posts a body to the Attio route as Attio would, signed with the webhook secret unless told otherwise. */
  deliver(body: string, headers: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * `partneroProgram`: how the simulated Partnero program behaves where the docs leave a choice.
 * `attioEventWindowSeconds`: the stage's Attio event window (and queue delay); the local stack's 1 s by default.
 */
export async function startAttioToPartneroHarness(
  label: string,
  options: {
    readonly partneroProgram?: Pick<NewProgram, 'archivedTransactionsReadable'>;
    readonly attioEventWindowSeconds?: number;
  } = {},
): Promise<AttioToPartneroHarness> {
  const attio = await startAttioSimulator({
    dealsEnabled: true,
    deliveries: { retryDelaysMs: [200, 400, 800], timeoutMs: 5_000 },
  });
  const partnero = await startPartneroSimulator();
  const tokenKey = randomBytes(32).toString('base64');
  const stack = await startLocalStack({
    ...localAwsEndpoints(),
    prefix: uniquePrefix(label),
    attioApiUrl: attio.url,
    attioAppUrl: attio.url,
    partneroApiUrl: partnero.url,
    environment: {
      LOCAL_TOKEN_ENCRYPTION_KEY: tokenKey,
      ...(options.attioEventWindowSeconds
        ? { [ENV.attioEventWindowSeconds]: String(options.attioEventWindowSeconds) }
        : {}),
    },
    visibilityTimeoutSeconds: 1,
  });
  const { table, raw } = localStackSyncTable(stack);
  const programs = new ProgramRepository(table);

  const partneroProgram = partnero.control.createProgram({
    commissionPercent: 30,
    currency: 'USD',
    ...options.partneroProgram,
  });
  const partner = partnero.control.partners.create(partneroProgram.id, {
    email: 'partner@affiliates.test',
    name: 'Pat',
    surname: 'Partner',
  }) as { id: string };

  const workspaceId = attio.control.defaultWorkspaceId;
  const ours = attio.control.issueToken(workspaceId);
  const attioAsService = createAttioClient({
    apiUrl: attio.url,
    accessToken: ours.token,
    waitOutRateLimits: WAIT_OUT_RATE_LIMITS,
  });
  const webhookUrl = `${stack.apiUrl}/webhooks/attio/${PROGRAM_ID}`;
  const webhook = await attioAsService.webhooks.create(
    webhookUrl,
    ['record.created', 'record.updated', 'record.deleted', 'record.merged'].map((eventType) => ({
      event_type: eventType,
      filter: null,
    })),
  );
  const statuses = attio.control.statuses('deals', 'stage');
  const stageId = (title: RegExp) => statuses.find((status) => title.test(status.title))?.id as string;
  const stageIds = { lead: stageId(/^Lead/), won: stageId(/^Won/), lost: stageId(/^Lost/) };

  const cipher = new LocalTokenCipher(tokenKey);
  const now = new Date().toISOString();
  await programs.putRegistration({
    programId: PROGRAM_ID,
    displayName: 'Acme affiliates',
    partneroApiKeyCiphertext: await cipher.encrypt(partneroProgram.apiKey, {
      programId: PROGRAM_ID,
      purpose: tokenPurposes.partneroApiKey,
    }),
    partneroWebhookKey: null,
    partneroWebhookSecretCiphertext: null,
    registeredAt: now,
    updatedAt: now,
  });
  await programs.putAttioConnection({
    programId: PROGRAM_ID,
    workspaceId,
    workspaceName: 'Simulated workspace',
    accessTokenCiphertext: await cipher.encrypt(ours.token, {
      programId: PROGRAM_ID,
      purpose: tokenPurposes.attioAccessToken,
    }),
    authorizedByWorkspaceMemberId: attio.control.members(workspaceId)[0]?.id.workspace_member_id ?? null,
    actor: { type: ours.actor.type, id: ours.actor.id as string },
    webhookId: webhook.id.webhook_id,
    webhookSecretCiphertext: await cipher.encrypt(webhook.secret, {
      programId: PROGRAM_ID,
      purpose: tokenPurposes.attioWebhookSecret,
    }),
    connectedAt: now,
  });
  const initial = (await programs.getSettings(PROGRAM_ID)).settings;
  initial.deals.wonStageId = stageIds.won;
  initial.customers.enabled = true;
  // Saved as the settings page's first Save leaves it: the sync has started.
  await programs.saveSettings(PROGRAM_ID, initial, 0, new Date(), { syncStartedAt: now });

  const audit = new AuditLog(table);
  const memberEmail = attio.control.members(workspaceId)[0]?.email_address as string;

  return {
    stack,
    attio,
    partnero,
    programId: PROGRAM_ID,
    partneroProgramId: partneroProgram.id,
    partnerId: partner.id,
    attioAsService,
    webhookUrl,
    webhookSecret: webhook.secret,
    stageIds,
    table,
    claims: new ClaimRepository(table),
    async settle() {
      // Deliveries and processing can chain (a retried delivery, a retried message): settle twice.
      for (let round = 0; round < 2; round += 1) {
        await attio.control.flushDeliveries();
        await stack.waitUntilIdle(20_000);
      }
    },
    async changeSettings(adjust) {
      const stored = await programs.getSettings(PROGRAM_ID);
      adjust(stored.settings);
      await programs.saveSettings(PROGRAM_ID, stored.settings, stored.version);
      // The worker keeps a program it loaded for a few seconds: the Save reaches it after that.
      await sleep(WORKER_PROGRAM_CACHE_MS + 100);
    },
    async aBuyer(buyerLabel) {
      const email = `${buyerLabel}@buyers.test`;
      const customer = partnero.control.customers.create(partneroProgram.id, {
        key: `customer-${buyerLabel}`,
        email,
        name: 'Bea',
        surname: 'Buyer',
        partner: { id: partner.id },
      }) as { key: string };
      const person = attio.control.createRecordAsMember('people', {
        email_addresses: [email],
        name: { first_name: 'Bea', last_name: 'Buyer', full_name: 'Bea Buyer' },
      }) as { id: { record_id: string } };
      return { customerKey: customer.key, email, personId: person.id.record_id };
    },
    async aDeal(dealLabel, personId, amount) {
      const deal = attio.control.createRecordAsMember('deals', {
        name: `Deal ${dealLabel}`,
        stage: stageIds.lead,
        owner: memberEmail,
        value: amount,
        associated_people: [{ target_object: 'people', target_record_id: personId }],
      }) as { id: { record_id: string } };
      return deal.id.record_id;
    },
    moveDeal(dealId, stage) {
      attio.control.updateRecordAsMember('deals', dealId, { stage: stageIds[stage] });
    },
    transactionsOf(key) {
      return partnero.control.transactions.list(partneroProgram.id).filter((transaction) => transaction.key === key);
    },
    commission() {
      return partnero.control.commissionOf(partneroProgram.id, partner.id).USD ?? 0;
    },
    partneroRequests() {
      return Object.values(partnero.control.requestCounts()).reduce(
        (sum, count) => sum + count.reads + count.writes,
        0,
      );
    },
    async history(recordId) {
      const page = await audit.listRecent(PROGRAM_ID, { direction: 'attio-to-partnero', limit: 200 });
      return page.entries.filter((entry) => entry.sourceRecord.endsWith(`:${recordId}`)).reverse();
    },
    deliver(body, headers) {
      return fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    },
    async stop() {
      await stack.stop();
      await attio.stop();
      await partnero.stop();
      raw.destroy();
    },
  };
}

export function signed(body: string, secret: string, idempotencyKey: string): Record<string, string> {
  return { 'attio-signature': hmacSha256Hex(body, secret), 'idempotency-key': idempotencyKey };
}
