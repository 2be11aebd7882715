import { ProgramRepository, type AttioConnection } from '../../../shared/programs/program-repository';
import { freshSyncTable } from '../../support/sync-table-fixture';

describe('the connection’s own Attio actor on DynamoDB Local', () => {
  let programs: ProgramRepository;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('attio-actor');
    programs = new ProgramRepository(fixture.table);
    close = fixture.close;
  });
  afterAll(() => close());

  const connection = (programId: string, overrides: Partial<AttioConnection> = {}): AttioConnection => ({
    programId,
    workspaceId: 'ws',
    workspaceName: 'Acme',
    accessTokenCiphertext: 'cipher',
    authorizedByWorkspaceMemberId: null,
    actor: null,
    webhookId: 'hook-1',
    webhookSecretCiphertext: 'secret',
    connectedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  });

  it('stores the first of many concurrently learned actors, and every worker is told that one', async () => {
    // Prepare
    await programs.putAttioConnection(connection('p-race'));
    // Act
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        programs.recordAttioActor('p-race', '2026-12-01T10:00:00.000Z', { type: 'api-token', id: `actor-${index}` }),
      ),
    );
    // Assess
    const stored = (await programs.getAttioConnection('p-race'))?.actor;
    expect(stored?.id).toMatch(/^actor-\d$/);
    expect(answers).toEqual(answers.map(() => stored));
  });

  it('leaves a connection that replaced the one the actor was learned on alone', async () => {
    // Prepare: the program reconnected since the write.
    await programs.putAttioConnection(connection('p-replaced', { connectedAt: '2026-12-01T11:00:00.000Z' }));
    // Act
    const answer = await programs.recordAttioActor('p-replaced', '2026-12-01T10:00:00.000Z', {
      type: 'api-token',
      id: 'old-token',
    });
    await programs.recordWebhookActorFilter('p-replaced', '2026-12-01T10:00:00.000Z', 'hook-1', 'old-token');
    // Assess
    expect(answer).toBeUndefined();
    const kept = await programs.getAttioConnection('p-replaced');
    expect(kept?.actor).toBeNull();
    expect(kept?.webhookFilteredActorId).toBeUndefined();
  });

  it('notes the webhook filter only on the same connection and webhook', async () => {
    // Prepare
    await programs.putAttioConnection(connection('p-filter', { actor: { type: 'app', id: 'app-1' } }));
    // Act
    await programs.recordWebhookActorFilter('p-filter', '2026-12-01T10:00:00.000Z', 'hook-other', 'app-1');
    const before = await programs.getAttioConnection('p-filter');
    await programs.recordWebhookActorFilter('p-filter', '2026-12-01T10:00:00.000Z', 'hook-1', 'app-1');
    // Assess
    expect(before?.webhookFilteredActorId).toBeUndefined();
    expect((await programs.getAttioConnection('p-filter'))?.webhookFilteredActorId).toBe('app-1');
  });
});
