import { randomBytes } from 'node:crypto';
import { createAttioClient } from '../../shared/attio/attio-client';
import { WAIT_OUT_RATE_LIMITS } from '../../shared/attio/attio-http';
import { createPartneroClient } from '../../shared/partnero/partnero-client';
import { partneroSyncedEvents } from '../../shared/partnero/webhook-delivery-schema';
import { syncAttributeDefinitions } from '../../shared/programs/attio-sync-attributes';
import { tokenPurposes } from '../../shared/programs/program-context';
import { defaultProgramSettings, type ProgramSettings } from '../../shared/programs/program-settings';
import type { BenchWorld } from './bench-world';
import { createTeamWorkspace } from '../../test/support/team-workspace';

/**
 * Programs connected the way the connect flow leaves them (as in the integration harnesses
 * test/integration/partnero-to-attio/sync-world.ts and attio-to-partnero/sync-harness.ts), each
 * with its own Attio workspace so that Attio's per-workspace rate limit is its own.
 */
export interface BenchProgram {
  readonly programId: string;
  readonly workspaceId: string;
  readonly memberIds: string[];
  /** The service's Attio token for the workspace (what both workers call Attio with). */
  readonly attioToken: string;
}

export interface PartneroToAttioProgram extends BenchProgram {
  readonly partneroApiKey: string;
}

/** An Attio workspace set up for the sync (its attributes created), which several programs may share. */
export interface SyncWorkspace {
  readonly workspaceId: string;
  readonly memberIds: string[];
  readonly token: string;
  readonly actor: { type: string; id: string };
}

export async function syncWorkspace(world: BenchWorld, name: string): Promise<SyncWorkspace> {
  const workspace = newWorkspace(world, name);
  const attio = createAttioClient({
    apiUrl: world.attio.url,
    accessToken: workspace.token,
    waitOutRateLimits: WAIT_OUT_RATE_LIMITS,
  });
  for (const object of ['people', 'companies']) {
    for (const { object: target, ...attribute } of syncAttributeDefinitions(object))
      await attio.attributes.ensure(target, attribute);
  }
  return workspace;
}

/**
 * A program whose Partnero changes reach Attio: Partnero webhooks to our route, sync attributes
 * created in Attio. Its own workspace unless `workspace` is given (the scale benchmark's
 * thousands of programs share a few, which only setting them up would otherwise be slow).
 */
export async function connectPartneroToAttio(
  world: BenchWorld,
  configure?: (settings: ProgramSettings) => void,
  workspace?: SyncWorkspace,
): Promise<PartneroToAttioProgram> {
  const programId = `p2a_${randomBytes(4).toString('hex')}`;
  const partneroApiKey = `pk_${randomBytes(12).toString('hex')}`;
  world.partnero.control.createProgram({ id: programId, apiKey: partneroApiKey, currency: 'USD' });
  const webhook = await createPartneroClient({ apiUrl: world.partnero.url, apiKey: partneroApiKey }).webhooks.create({
    name: 'Attio sync',
    url: `${world.apiUrl}/webhooks/partnero/${programId}`,
    events: [...partneroSyncedEvents],
  });
  const { workspaceId, memberIds, token, actor } = workspace ?? (await syncWorkspace(world, programId));
  const settings = defaultProgramSettings();
  settings.customers.enabled = true;
  configure?.(settings);
  await register(world, programId, {
    partneroApiKey,
    partneroWebhookKey: webhook.key,
    partneroWebhookSecret: webhook.signature as string,
  });
  await connectAttio(world, programId, { workspaceId, token, actor, memberId: memberIds[0] ?? null, webhook: null });
  await world.programs.saveSettings(programId, settings, 0, new Date(), { syncStartedAt: new Date().toISOString() });
  return { programId, workspaceId, memberIds, attioToken: token, partneroApiKey };
}

export interface AttioToPartneroProgram extends BenchProgram {
  readonly partneroProgramId: string;
  readonly partnerId: string;
  readonly wonStageId: string;
  readonly leadStageId: string;
  /** A Partnero customer referred by the partner and the Attio person with the same email. */
  aBuyer(label: string): { customerKey: string; email: string; personId: string };
  /** A deal a workspace member created in the lead stage, bought by the person. */
  aDeal(label: string, personId: string, amount: number): string;
  moveDealToWon(dealId: string): void;
}

/** A program whose won Attio deals pay Partnero commissions: an Attio webhook to our route, the won stage chosen. */
export async function connectAttioToPartnero(world: BenchWorld): Promise<AttioToPartneroProgram> {
  const programId = `a2p_${randomBytes(4).toString('hex')}`;
  const partneroProgram = world.partnero.control.createProgram({ commissionPercent: 30, currency: 'USD' });
  const partner = world.partnero.control.partners.create(partneroProgram.id, {
    email: `partner@${programId}.test`,
    name: 'Pat',
    surname: 'Partner',
  }) as { id: string };
  const { workspaceId, memberIds, token, actor } = newWorkspace(world, programId);
  const attio = createAttioClient({
    apiUrl: world.attio.url,
    accessToken: token,
    waitOutRateLimits: WAIT_OUT_RATE_LIMITS,
  });
  const webhook = await attio.webhooks.create(
    `${world.apiUrl}/webhooks/attio/${programId}`,
    ['record.created', 'record.updated', 'record.deleted', 'record.merged'].map((eventType) => ({
      event_type: eventType,
      filter: null,
    })),
  );
  const statuses = world.attio.control.statuses('deals', 'stage', workspaceId);
  const stageId = (title: RegExp) => statuses.find((status) => title.test(status.title))?.id as string;
  const wonStageId = stageId(/^Won/);
  const leadStageId = stageId(/^Lead/);
  await register(world, programId, {
    partneroApiKey: partneroProgram.apiKey,
    partneroWebhookKey: null,
    partneroWebhookSecret: null,
  });
  await connectAttio(world, programId, {
    workspaceId,
    token,
    actor,
    memberId: memberIds[0] ?? null,
    webhook: { id: webhook.id.webhook_id, secret: webhook.secret },
  });
  const settings = defaultProgramSettings();
  settings.deals.wonStageId = wonStageId;
  settings.customers.enabled = true;
  await world.programs.saveSettings(programId, settings, 0, new Date(), { syncStartedAt: new Date().toISOString() });
  const memberEmail = world.attio.control.members(workspaceId)[0]?.email_address as string;
  return {
    programId,
    workspaceId,
    memberIds,
    attioToken: token,
    partneroProgramId: partneroProgram.id,
    partnerId: partner.id,
    wonStageId,
    leadStageId,
    aBuyer(label) {
      const email = `${label}@buyers.test`;
      const customer = world.partnero.control.customers.create(partneroProgram.id, {
        key: `customer-${label}`,
        email,
        name: 'Bea',
        surname: 'Buyer',
        partner: { id: partner.id },
      }) as { key: string };
      const person = world.attio.control.createRecordAsMember(
        'people',
        { email_addresses: [email], name: { first_name: 'Bea', last_name: 'Buyer', full_name: 'Bea Buyer' } },
        { workspaceId },
      ) as {
        id: { record_id: string };
      };
      return { customerKey: customer.key, email, personId: person.id.record_id };
    },
    aDeal(label, personId, amount) {
      const deal = world.attio.control.createRecordAsMember(
        'deals',
        {
          name: `Deal ${label}`,
          stage: leadStageId,
          owner: memberEmail,
          value: amount,
          associated_people: [{ target_object: 'people', target_record_id: personId }],
        },
        { workspaceId },
      ) as { id: { record_id: string } };
      return deal.id.record_id;
    },
    moveDealToWon(dealId) {
      world.attio.control.updateRecordAsMember('deals', dealId, { stage: wonStageId }, { workspaceId });
    },
  };
}

function newWorkspace(world: BenchWorld, programId: string) {
  const workspace = createTeamWorkspace(world.attio.control, programId);
  const { token, actor } = world.attio.control.issueToken(workspace.id);
  return {
    workspaceId: workspace.id,
    memberIds: workspace.memberIds,
    token,
    actor: { type: actor.type, id: actor.id as string },
  };
}

async function register(
  world: BenchWorld,
  programId: string,
  keys: { partneroApiKey: string; partneroWebhookKey: string | null; partneroWebhookSecret: string | null },
) {
  const now = new Date().toISOString();
  const encrypt = (plaintext: string, purpose: string) => world.cipher.encrypt(plaintext, { programId, purpose });
  await world.programs.putRegistration({
    programId,
    displayName: programId,
    partneroApiKeyCiphertext: await encrypt(keys.partneroApiKey, tokenPurposes.partneroApiKey),
    partneroWebhookKey: keys.partneroWebhookKey,
    partneroWebhookSecretCiphertext:
      keys.partneroWebhookSecret === null
        ? null
        : await encrypt(keys.partneroWebhookSecret, tokenPurposes.partneroWebhookSecret),
    registeredAt: now,
    updatedAt: now,
  });
}

async function connectAttio(
  world: BenchWorld,
  programId: string,
  connection: {
    workspaceId: string;
    token: string;
    actor: { type: string; id: string };
    memberId: string | null;
    webhook: { id: string; secret: string } | null;
  },
) {
  const encrypt = (plaintext: string, purpose: string) => world.cipher.encrypt(plaintext, { programId, purpose });
  await world.programs.putAttioConnection({
    programId,
    workspaceId: connection.workspaceId,
    workspaceName: `Workspace ${programId}`,
    accessTokenCiphertext: await encrypt(connection.token, tokenPurposes.attioAccessToken),
    authorizedByWorkspaceMemberId: connection.memberId,
    actor: connection.actor,
    webhookId: connection.webhook?.id ?? null,
    webhookSecretCiphertext: connection.webhook
      ? await encrypt(connection.webhook.secret, tokenPurposes.attioWebhookSecret)
      : null,
    connectedAt: new Date().toISOString(),
  });
}
