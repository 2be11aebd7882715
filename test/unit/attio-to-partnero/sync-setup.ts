import { ObjectSlugCache } from '../../../shared/attio/object-slug-cache';
import type { AttioMessageDependencies } from '../../../shared/attio-to-partnero/process-attio-message';
import { AttioEventBatch } from '../../../shared/attio-to-partnero/record-batch';
import type { AttioSyncContext } from '../../../shared/attio-to-partnero/sync-context';
import { AttioSchemaCache } from '../../../shared/attio/attio-schema-cache';
import type { ProgramContext } from '../../../shared/programs/program-context';
import { defaultProgramSettings, type ProgramSettings } from '../../../shared/programs/program-settings';
import { WON_STAGE, WORKSPACE } from './attio-records';
import { FakeAttio, FakePartnero, InMemoryClaims, InMemoryLinks } from './fakes';

export const OUR_ACTOR = { type: 'api-token', id: 'our-token-actor' };

/** A program with deals on (won stage chosen) and customers on, over in-memory providers and stores. */
export function setUp(adjust: (settings: ProgramSettings) => void = () => undefined) {
  const settings = defaultProgramSettings();
  settings.deals.wonStageId = WON_STAGE;
  settings.customers.enabled = true;
  adjust(settings);
  const attio = new FakeAttio();
  const partnero = new FakePartnero();
  const links = new InMemoryLinks();
  const claims = new InMemoryClaims();
  const schemas = new AttioSchemaCache();
  let clock = Date.parse('2025-06-01T12:00:00Z');
  const now = () => new Date((clock += 1000));

  const context = (batch = new AttioEventBatch()): AttioSyncContext => ({
    programId: 'p1',
    workspaceId: WORKSPACE,
    settings,
    attio,
    partnero,
    links,
    claims,
    schemas,
    batch,
    now,
  });

  const program: ProgramContext = {
    programId: 'p1',
    registration: {
      programId: 'p1',
      displayName: 'Demo',
      partneroApiKeyCiphertext: 'x',
      partneroWebhookKey: null,
      partneroWebhookSecretCiphertext: null,
      registeredAt: 'then',
      updatedAt: 'then',
    },
    settings: { settings, version: 1, updatedAt: 'then', syncStartedAt: 'then' },
    attioConnection: {
      programId: 'p1',
      workspaceId: WORKSPACE,
      workspaceName: 'Acme',
      accessTokenCiphertext: 'x',
      authorizedByWorkspaceMemberId: 'member-1',
      actor: OUR_ACTOR,
      webhookId: 'hook-1',
      webhookSecretCiphertext: 'x',
      connectedAt: 'then',
    },
    partneroApiKey: async () => 'partnero-key',
    attioAccessToken: async () => 'attio-token',
    attioWebhookSecret: async () => 'secret',
    partneroWebhookSecret: async () => undefined,
  };
  const dependencies: AttioMessageDependencies = {
    programs: { load: async (programId: string) => (programId === 'p1' ? program : undefined) },
    links,
    claims,
    schemas,
    objectSlugs: new ObjectSlugCache(),
    attioFor: () => attio,
    partneroFor: () => partnero,
    now,
  };
  return { settings, attio, partnero, links, claims, context, dependencies, program };
}
