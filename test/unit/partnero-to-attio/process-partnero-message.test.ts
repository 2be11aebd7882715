import { PermanentError } from '../../../shared/errors';
import { PartneroToAttioSync } from '../../../shared/partnero-to-attio/apply-partnero-event';
import { AttioSchemaCache } from '../../../shared/attio/attio-schema-cache';
import {
  describePartneroMessage,
  processPartneroMessage,
} from '../../../shared/partnero-to-attio/process-partnero-message';
import type { ProgramContext } from '../../../shared/programs/program-context';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';
import type { SyncMessage } from '../../../shared/queue/sync-message';
import { FakeAttio, FakePartnero, InMemoryLinks } from './fake-providers';
import { aDelivery, aPartner, aTransaction } from './partnero-deliveries';

function aMessage(event: unknown): SyncMessage {
  return { programId: 'p1', source: 'partnero', deliveryKey: 'k1', receivedAt: '2025-06-01T00:00:00.000Z', event };
}

function programContext(overrides: Partial<ProgramContext> = {}): ProgramContext {
  return {
    programId: 'p1',
    registration: {
      programId: 'p1',
      displayName: 'P1',
      partneroApiKeyCiphertext: 'x',
      partneroWebhookKey: null,
      partneroWebhookSecretCiphertext: null,
      registeredAt: 'x',
      updatedAt: 'x',
    },
    settings: { settings: defaultProgramSettings(), version: 1, updatedAt: 'x', syncStartedAt: 'x' },
    attioConnection: {
      programId: 'p1',
      workspaceId: 'w1',
      workspaceName: 'W',
      accessTokenCiphertext: 'x',
      authorizedByWorkspaceMemberId: 'member-1',
      actor: { type: 'api-token', id: 'actor-1' },
      webhookId: null,
      webhookSecretCiphertext: null,
      connectedAt: 'x',
    },
    partneroApiKey: async () => 'partnero-key',
    attioAccessToken: async () => 'attio-token',
    attioWebhookSecret: async () => undefined,
    partneroWebhookSecret: async () => undefined,
    ...overrides,
  };
}

function dependencies(context: ProgramContext | undefined) {
  const attio = new FakeAttio();
  const partnero = new FakePartnero();
  const credentials: string[] = [];
  return {
    attio,
    partnero,
    credentials,
    deps: {
      programs: { load: async () => context },
      sync: new PartneroToAttioSync({ links: new InMemoryLinks(), schemas: new AttioSchemaCache() }),
      attioFor: (token: string) => (credentials.push(`attio:${token}`), attio),
      partneroFor: (key: string) => (credentials.push(`partnero:${key}`), partnero),
    },
  };
}

describe('processPartneroMessage', () => {
  it("applies the event with the program's own credentials and names the partner it is about", async () => {
    // Prepare
    const { deps, partnero, credentials } = dependencies(programContext());
    partnero.partners.set('partner_123', aPartner());
    // Act
    const processed = await processPartneroMessage(aMessage(aDelivery('partner.created', aPartner())), deps);
    // Assess
    expect(processed).toMatchObject({
      programId: 'p1',
      sourceEvent: 'partner.created',
      sourceRecord: 'partner:partner_123',
      targetRecord: 'attio:people:record-1',
      outcome: 'applied',
    });
    expect(credentials).toEqual(['attio:attio-token', 'partnero:partnero-key']);
  });

  it('rejects an event of an unknown program, still naming its record', async () => {
    // Prepare
    const { deps } = dependencies(undefined);
    // Act
    const processed = await processPartneroMessage(aMessage(aDelivery('partner.updated', aPartner())), deps);
    // Assess
    expect(processed).toEqual({
      programId: 'p1',
      sourceEvent: 'partner.updated',
      sourceRecord: 'partner:partner_123',
      targetRecord: null,
      outcome: 'rejected',
      reason: 'program p1 is not registered',
    });
  });

  it('skips a program without an Attio connection without decrypting anything', async () => {
    // Prepare
    const { deps, credentials } = dependencies(programContext({ attioConnection: undefined }));
    // Act
    const processed = await processPartneroMessage(aMessage(aDelivery('partner.updated', aPartner())), deps);
    // Assess
    expect(processed.outcome).toBe('skipped-by-settings');
    expect(credentials).toEqual([]);
  });

  it('writes nothing before the first Save started the sync, and says so', async () => {
    // Prepare: connected, never saved
    const { deps, credentials } = dependencies(
      programContext({
        settings: { settings: defaultProgramSettings(), version: 0, updatedAt: null, syncStartedAt: null },
      }),
    );
    // Act
    const processed = await processPartneroMessage(aMessage(aDelivery('partner.created', aPartner())), deps);
    // Assess
    expect(processed).toMatchObject({
      outcome: 'skipped-by-settings',
      targetRecord: null,
      reason: expect.stringContaining('the sync starts when the program’s settings are first saved'),
    });
    expect(credentials).toEqual([]);
  });

  it('skips a sale when connect found Deals turned off in Attio, naming the setting', async () => {
    // Prepare
    const context = programContext();
    const connection = {
      ...(context.attioConnection as NonNullable<ProgramContext['attioConnection']>),
      workspaceCheck: { grantedScopes: [], missingScopes: [], missingObjects: ['deals'], checkedAt: 'x' },
    };
    const { deps, credentials } = dependencies({ ...context, attioConnection: connection });
    // Act
    const processed = await processPartneroMessage(aMessage(aDelivery('transaction.created', aTransaction())), deps);
    // Assess
    expect(processed).toMatchObject({
      outcome: 'skipped-by-settings',
      reason: expect.stringContaining('Workspace settings > Objects > Deals > Enable'),
    });
    expect(credentials).toEqual([]);
  });

  it('refuses a message whose event is not a Partnero event the sync understands', async () => {
    const { deps } = dependencies(programContext());
    await expect(processPartneroMessage(aMessage({ event: 'lead.submitted', data: {} }), deps)).rejects.toThrow(
      PermanentError,
    );
  });
});

describe('describePartneroMessage', () => {
  it('names the event and record of a Partnero message, and nothing for anything else', () => {
    expect(describePartneroMessage(aMessage(aDelivery('partner.deleted', aPartner())))).toEqual({
      sourceEvent: 'partner.deleted',
      sourceRecord: 'partner:partner_123',
    });
    expect(describePartneroMessage(aMessage({ event: 'lead.submitted' }))).toBeUndefined();
  });
});
