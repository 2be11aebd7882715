import type { AuditEntry } from '../../../shared/sync/audit-log';
import { connectAttio, openSession, registeredProgram, saveSettings, settingsApi } from '../connect/connect-world';
import { startSettingsWorld, type SettingsWorld } from './settings-world';

type PersonJson = { values: Record<string, { email_address?: string }[]> };

/**
 * "Save your settings. Sync begins immediately for new and updated records." End to end on the
 * local stack with both workers: a connected program that has not saved writes nothing to
 * either side, and its events are in the History as skipped; the first Save starts the sync.
 * Then a workspace with Deals turned off (Attio's default): partners sync, deals are refused at
 * Save with the setting to change, and the Status tab says it.
 */
describe('The sync starts at the first Save', () => {
  let world: SettingsWorld;
  beforeAll(async () => {
    world = await startSettingsWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  const settle = async () => {
    await world.partnero.control.flushDeliveries();
    await world.stack.waitUntilIdle(30_000);
  };
  /** A partner who joins the program in Partnero. */
  const partnerJoins = (programId: string, email: string, name: string, surname: string) =>
    world.partnero.control.partners.create(programId, { email, name, surname });
  const personWith = (email: string) =>
    (world.attio.control.records('people', world.workspaceId) as PersonJson[]).find((person) =>
      (person.values.email_addresses ?? []).some((value) => value.email_address === email),
    );
  const historyOf = async (programId: string, sourceRecord: string): Promise<AuditEntry[]> =>
    (await world.audit.listRecent(programId, { sourceRecord, direction: 'partnero-to-attio' })).entries;

  it('records events before the first Save as skipped and writes nothing; syncs the next one after it', async () => {
    // Prepare: registered (Partnero's webhook exists) and connected, not saved.
    const { programId } = await registeredProgram(world, 'start');
    const session = await openSession(world, programId);
    await connectAttio(world, programId, session);
    const partneroCalls = () => JSON.stringify(world.partnero.control.requestCounts());
    const before = partneroCalls();

    // Act: a partner joins before the Save.
    const early = partnerJoins(programId, 'early@affiliates.example', 'Early', 'Bird');
    await settle();
    const after = partneroCalls();
    const statusBefore = (await settingsApi(world, programId, session).get('/status')).json<{
      sync: { started: boolean; detail: string };
    }>();

    // Assess: nothing in Attio, nothing asked of Partnero, the History says why.
    expect(personWith('early@affiliates.example')).toBeUndefined();
    expect(after).toBe(before);
    const [skipped] = await historyOf(programId, `partner:${early.id}`);
    expect(skipped).toMatchObject({
      sourceEvent: 'partner.created',
      outcome: 'skipped-by-settings',
      targetRecord: null,
      reason: expect.stringContaining('the sync starts when the program’s settings are first saved'),
    });
    expect(statusBefore.sync).toMatchObject({ started: false, detail: expect.stringContaining('Not started') });

    // Act: the first Save, then a partner joins.
    const saved = await saveSettings(world, programId, session);
    const late = partnerJoins(programId, 'late@affiliates.example', 'Late', 'Comer');
    await settle();
    const statusAfter = (await settingsApi(world, programId, session).get('/status')).json<{
      sync: { started: boolean; startedAt: string };
    }>();

    // Assess
    expect(saved.status).toBe(200);
    expect(personWith('late@affiliates.example')).toBeDefined();
    expect((await historyOf(programId, `partner:${late.id}`))[0]).toMatchObject({ outcome: 'applied' });
    expect(statusAfter.sync).toMatchObject({
      started: true,
      startedAt: saved.json<{ syncStartedAt: string }>().syncStartedAt,
    });
  });

  it('starts the chosen backfill at the first Save, not at connect', async () => {
    // Prepare: a partner that exists before Attio is connected.
    const { programId } = await registeredProgram(world, 'start-backfill');
    partnerJoins(programId, 'existing@affiliates.example', 'Existing', 'Partner');
    const session = await openSession(world, programId);
    const api = settingsApi(world, programId, session);
    // Act
    await connectAttio(world, programId, session);
    const afterConnect = (await api.get('/backfill')).json();
    await saveSettings(world, programId, session);
    const afterSave = (await api.get('/backfill')).json();
    await world.stack.runScheduled('backfill-runner');
    await world.stack.waitUntilIdle(30_000);
    // Assess
    expect(afterConnect).toEqual({ progress: null });
    expect(afterSave).toMatchObject({ progress: { trigger: 'sync-start', kinds: [{ kind: 'partner' }] } });
    expect(personWith('existing@affiliates.example')).toBeDefined();
  });

  describe('in a workspace with Deals turned off', () => {
    beforeAll(() => world.attio.control.setObjectEnabled('deals', false, world.workspaceId));
    afterAll(() => world.attio.control.setObjectEnabled('deals', true, world.workspaceId));

    it('connects, refuses deal sync at Save with the Attio setting to change, syncs partners, and says so on the Status tab', async () => {
      // Prepare
      const { programId } = await registeredProgram(world, 'no-deals');
      const session = await openSession(world, programId);
      const api = settingsApi(world, programId, session);
      // Act
      const connected = await connectAttio(world, programId, session);
      const stored = (await api.get('/settings')).json<{
        settings: { deals: { enabled: boolean } };
        version: number;
      }>();
      const withDeals = await api.put('/settings', { version: stored.version, settings: stored.settings });
      const withoutDeals = await saveSettings(world, programId, session);
      const partner = partnerJoins(programId, 'nodeals@affiliates.example', 'No', 'Deals');
      await settle();
      const status = (await api.get('/status')).json<{ attio: { setupIssues: { code: string; message: string }[] } }>();
      // Assess
      expect(connected.headers.get('location')).toMatch(/\?connected=1$/);
      expect((await world.programs.getAttioConnection(programId))?.workspaceCheck?.missingObjects).toEqual(['deals']);
      expect(stored.settings.deals.enabled).toBe(true);
      expect(withDeals.status).toBe(400);
      expect(JSON.stringify(withDeals.json())).toContain('Workspace settings > Objects > Deals > Enable');
      expect(withoutDeals.status).toBe(200);
      expect(personWith('nodeals@affiliates.example')).toBeDefined();
      expect((await historyOf(programId, `partner:${partner.id}`))[0]).toMatchObject({ outcome: 'applied' });
      expect(status.attio.setupIssues).toEqual([
        { code: 'deals-disabled', message: expect.stringContaining('Workspace settings > Objects > Deals > Enable') },
      ]);
    });
  });
});
