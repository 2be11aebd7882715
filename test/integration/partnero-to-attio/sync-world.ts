import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalStack, type LocalStack } from '../../../local/local-stack';
import { createAttioClient, type AttioClient } from '../../../shared/attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../../../shared/attio/attio-http';
import { createPartneroClient } from '../../../shared/partnero/partnero-client';
import { partneroSyncedEvents } from '../../../shared/partnero/webhook-delivery-schema';
import { syncAttributeDefinitions } from '../../../shared/programs/attio-sync-attributes';
import { tokenPurposes } from '../../../shared/programs/program-context';
import { ProgramRepository, type AttioActor } from '../../../shared/programs/program-repository';
import { defaultProgramSettings, type ProgramSettings } from '../../../shared/programs/program-settings';
import { LocalTokenCipher } from '../../../shared/security/token-cipher';
import type { SyncTable } from '../../../shared/store/sync-table';
import { AuditLog, type AuditEntry } from '../../../shared/sync/audit-log';
import { LinkRepository, type LinkedKind, type RecordLink } from '../../../shared/sync/link-repository';
import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { startPartneroSimulator, type PartneroSimulator } from '../../../simulators/partnero/partnero-simulator';
import type { NewProgram } from '../../../simulators/partnero';
import { localAwsEndpoints, localDynamoDbClient } from '../../support/local-aws-clients';
import { sdkDocumentClient } from '../../../shared/aws/sdk-document-client';
import { createTeamWorkspace } from '../../support/team-workspace';
import { seededAttioConnection } from '../../support/seeded-attio-connection';

/**
 * The whole Partnero -> Attio path on loopback: both simulators, the real local SQS and
 * DynamoDB of the run, and `startLocalStack` serving the real webhook route and running the
 * real worker. One world per test file (handlers read their environment once per module
 * registry); each test connects its own program and Attio workspace, so tests never share data.
 */
export interface SyncWorld {
  readonly stack: LocalStack;
  readonly partnero: PartneroSimulator;
  readonly attio: AttioSimulator;
  readonly table: SyncTable;
  readonly programs: ProgramRepository;
  readonly links: LinkRepository;
  readonly audit: AuditLog;
  stop(): Promise<void>;
}

export interface SyncWorldOptions {
  readonly maxReceiveCount?: number;
  readonly visibilityTimeoutSeconds?: number;
  /** Concurrent batches per worker; 4 unless a test needs room for several programs at once. */
  readonly workerConcurrency?: number;
}

const localKey = randomBytes(32).toString('base64');
const cipher = new LocalTokenCipher(localKey);
/** The key `connectProgram` encrypts with, for a test that starts its own stack around these helpers. */
export const syncWorldTokenKey = localKey;

export async function startSyncWorld(options: SyncWorldOptions = {}): Promise<SyncWorld> {
  const [partnero, attio] = await startSyncSimulators();
  const stack = await startLocalStack({
    ...localAwsEndpoints(),
    attioApiUrl: attio.url,
    attioAppUrl: attio.url,
    partneroApiUrl: partnero.url,
    environment: { LOCAL_TOKEN_ENCRYPTION_KEY: localKey },
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 2,
    maxReceiveCount: options.maxReceiveCount ?? 5,
    workerConcurrency: options.workerConcurrency ?? 4,
  });
  return syncWorldAround(stack, partnero, attio);
}

/** Both simulators as the sync world runs them, for a test that starts its own stack. */
export function startSyncSimulators(): Promise<[PartneroSimulator, AttioSimulator]> {
  return Promise.all([
    startPartneroSimulator({ deliveries: { retryDelaysMs: [200, 500, 1_000], timeoutMs: 5_000 } }),
    startAttioSimulator({ dealsEnabled: true, deliveries: { retryDelaysMs: [100, 300], timeoutMs: 2_000 } }),
  ]);
}

/**
 * The world's table and repositories around a running stack and its simulators. `beforeStop`
 * stops what the caller started beside them (its own workers, proxies), before the stack stops.
 */
export function syncWorldAround(
  stack: LocalStack,
  partnero: PartneroSimulator,
  attio: AttioSimulator,
  beforeStop?: () => Promise<void>,
): SyncWorld {
  const raw = localDynamoDbClient();
  const table: SyncTable = { client: sdkDocumentClient(raw), tableName: stack.resources.syncTableName };
  return {
    stack,
    partnero,
    attio,
    table,
    programs: new ProgramRepository(table),
    links: new LinkRepository(table),
    audit: new AuditLog(table),
    async stop() {
      await beforeStop?.();
      await stack.stop();
      await Promise.all([partnero.stop(), attio.stop()]);
      raw.destroy();
    },
  };
}

/** A Partnero program connected to its own Attio workspace, as the connect flow would leave it. */
export interface ConnectedProgram {
  readonly programId: string;
  readonly settings: ProgramSettings;
  readonly workspaceId: string;
  readonly memberIds: string[];
  /** Attio with the program's own token: what the sync writes with. */
  readonly attio: AttioClient;
  readonly actor: AttioActor;
  readonly webhookSecret: string;
  /** The program's Partnero API key, for a test that acts in Partnero as another API client would. */
  readonly partneroApiKey: string;
}

export interface ConnectOptions {
  readonly configure?: (settings: ProgramSettings, workspace: { readonly memberIds: readonly string[] }) => void;
  /** Leave Attio unconnected. */
  readonly withoutAttio?: boolean;
  /** Where Partnero sends this program's webhooks; the sync's own route by default. */
  readonly webhookUrl?: string;
  /** How the simulated Partnero program behaves where the docs leave a choice. */
  readonly partneroProgram?: Pick<NewProgram, 'archivedTransactionsReadable'>;
}

/** Partners go to Companies: the name, and the domain of the partner's email, which Attio matches companies by. */
export function partnersToCompanies(settings: ProgramSettings): void {
  settings.partners.targetObject = 'companies';
  settings.partners.fieldMappings = [
    { partneroField: 'full_name', attioAttribute: 'name' },
    { partneroField: 'email_domain', attioAttribute: 'domains' },
  ];
}

/** Connect options that turn customer sync on (it is off by default). */
export const customersOn: ConnectOptions = {
  configure: (settings) => void (settings.customers.enabled = true),
};

export async function connectProgram(world: SyncWorld, options: ConnectOptions = {}): Promise<ConnectedProgram> {
  const programId = `prog_${randomBytes(4).toString('hex')}`;
  const apiKey = `pk_${randomBytes(12).toString('hex')}`;
  world.partnero.control.createProgram({ id: programId, apiKey, currency: 'USD', ...options.partneroProgram });
  const webhook = await createPartneroClient({ apiUrl: world.partnero.url, apiKey }).webhooks.create({
    name: 'Attio sync',
    url: options.webhookUrl ?? `${world.stack.apiUrl}/webhooks/partnero/${programId}`,
    events: [...partneroSyncedEvents],
  });
  const webhookSecret = webhook.signature as string;

  const workspace = createTeamWorkspace(world.attio.control, programId);
  const { token, actor } = world.attio.control.issueToken(workspace.id);
  const attio = createAttioClient({
    apiUrl: world.attio.url,
    accessToken: token,
    waitOutRateLimits: WAIT_OUT_RATE_LIMITS,
  });
  await createSyncAttributes(world, token, attio);

  const settings = defaultProgramSettings();
  options.configure?.(settings, workspace);
  const now = new Date().toISOString();
  const encrypt = (plaintext: string, purpose: string) => cipher.encrypt(plaintext, { programId, purpose });
  await world.programs.putRegistration({
    programId,
    displayName: programId,
    partneroApiKeyCiphertext: await encrypt(apiKey, tokenPurposes.partneroApiKey),
    partneroWebhookKey: webhook.key,
    partneroWebhookSecretCiphertext: await encrypt(webhookSecret, tokenPurposes.partneroWebhookSecret),
    registeredAt: now,
    updatedAt: now,
  });
  if (!options.withoutAttio) {
    await world.programs.putAttioConnection(
      await seededAttioConnection(
        { programId, workspace, workspaceName: `Workspace ${programId}`, token, actor },
        cipher,
        now,
      ),
    );
  }
  // Saved as the settings page's first Save leaves it: the sync has started.
  await world.programs.saveSettings(programId, settings, 0, new Date(), { syncStartedAt: now });
  return {
    programId,
    settings,
    workspaceId: workspace.id,
    memberIds: workspace.memberIds,
    attio,
    actor: { type: actor.type, id: actor.id as string },
    webhookSecret,
    partneroApiKey: apiKey,
  };
}

/** The custom object some programs send partners to. */
export const CUSTOM_PARTNER_OBJECT = 'affiliates';

/** What the connect flow creates in the workspace: the sync's attributes, for partners in every object a test uses. */
async function createSyncAttributes(world: SyncWorld, token: string, attio: AttioClient): Promise<void> {
  const response = await fetch(`${world.attio.url}/v2/objects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      data: { api_slug: CUSTOM_PARTNER_OBJECT, singular_noun: 'Affiliate', plural_noun: 'Affiliates' },
    }),
  });
  if (!response.ok) throw new Error(`custom object not created: ${response.status}`);
  for (const object of ['people', 'companies', CUSTOM_PARTNER_OBJECT]) {
    for (const { object: target, ...attribute } of syncAttributeDefinitions(object))
      await attio.attributes.ensure(target, attribute);
  }
  // Plain fields of the custom object that partner mappings write to.
  for (const slug of ['email', 'referral_link'])
    await attio.attributes.ensure(CUSTOM_PARTNER_OBJECT, { title: slug, api_slug: slug, type: 'text' });
}

/** Creates a partner in the program's Partnero and waits until the sync has handled it. */
export async function createSyncedPartner(
  world: SyncWorld,
  program: ConnectedProgram,
  fields: Record<string, unknown>,
): Promise<ReturnType<PartneroSimulator['control']['partners']['create']>> {
  const partner = world.partnero.control.partners.create(program.programId, fields);
  await settle(world);
  return partner;
}

/** Waits until Partnero's webhooks reached the route and the worker drained the queue. */
export async function settle(world: SyncWorld, timeoutMs = 30_000): Promise<void> {
  await world.partnero.control.flushDeliveries();
  await world.stack.waitUntilIdle(timeoutMs);
}

export async function auditOf(world: SyncWorld, programId: string, sourceRecord?: string): Promise<AuditEntry[]> {
  return (await world.audit.listRecent(programId, { limit: 200, sourceRecord, direction: 'partnero-to-attio' }))
    .entries;
}

export function linkOf(
  world: SyncWorld,
  programId: string,
  kind: LinkedKind,
  partneroId: string,
): Promise<RecordLink | undefined> {
  return world.links.findByPartneroId(programId, kind, partneroId);
}

/** Attio records of one object in the program's workspace, as Attio returns them. */
export type AttioRecordJson = { id: { record_id: string }; values: Record<string, Record<string, unknown>[]> };

export function recordsOf(world: SyncWorld, program: ConnectedProgram, object: string): AttioRecordJson[] {
  return world.attio.control.records(object, program.workspaceId) as AttioRecordJson[];
}

/** The current value objects of an attribute. */
export function valuesOf(record: AttioRecordJson | undefined, slug: string): Record<string, unknown>[] {
  return (record?.values[slug] ?? []).filter((value) => !value.active_until);
}

export function textOf(record: AttioRecordJson | undefined, slug: string): unknown {
  return valuesOf(record, slug)[0]?.value;
}

/** A loopback endpoint that answers 200 and keeps what it received. */
export async function startCaptureServer(): Promise<{ url: string; bodies: string[]; stop(): Promise<void> }> {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Posts a body to the program's Partnero route, as Partnero would. */
export async function postToPartneroRoute(
  world: SyncWorld,
  programId: string,
  body: string,
  signature: string | undefined,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${world.stack.apiUrl}/webhooks/partnero/${programId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { signature }) },
    body,
  });
  return { status: response.status, body: await response.text() };
}
