import { call, connectAttio, openSession, registeredProgram, settingsApi, startConnectWorld, type ConnectWorld } from '../connect/connect-world';

describe('backfill when a program connects Attio', () => {
  let world: ConnectWorld;
  beforeAll(async () => {
    world = await startConnectWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('starts a partner backfill at connect, shows its progress to the settings session and pages Partnero on the runner', async () => {
    // Prepare: partners that exist before the program connects Attio.
    const { programId } = await registeredProgram(world, 'connect-backfill');
    for (const index of [1, 2, 3]) world.partnero.control.partners.create(programId, { email: `early${index}@affiliates.example` });
    const session = await openSession(world, programId);
    const api = settingsApi(world, programId, session);
    // Act
    const connected = await connectAttio(world, programId, session);
    const requested = (await api.get('/backfill')).json();
    await world.stack.runScheduled('backfill-runner');
    const listed = (await api.get('/backfill')).json();
    // Assess
    expect(connected.status).toBe(303);
    expect(requested).toMatchObject({ progress: { trigger: 'connect', state: 'pending', kinds: [{ kind: 'partner', state: 'pending', done: 0, total: 0, totalKnown: false }] } });
    // Workers are off in this world: every partner listed and enqueued, none processed yet.
    expect(listed).toMatchObject({ progress: { state: 'running', kinds: [{ kind: 'partner', state: 'syncing', done: 0, total: 3, totalKnown: true }] } });
    const viaAdmin = await call(`${world.stack.apiUrl}/admin/programs/${programId}/backfill`, { headers: { authorization: `Bearer ${world.secrets.adminToken}` } });
    expect(viaAdmin.json()).toEqual(listed);
  });

  it('starts nothing at connect when the program turned the backfill off, and starts on demand from the settings page', async () => {
    // Prepare
    const { programId } = await registeredProgram(world, 'no-backfill');
    const stored = await world.programs.getSettings(programId);
    stored.settings.backfill.onConnect.partners = false;
    await world.programs.saveSettings(programId, stored.settings, stored.version);
    const session = await openSession(world, programId);
    const api = settingsApi(world, programId, session);
    // Act
    await connectAttio(world, programId, session);
    const afterConnect = (await api.get('/backfill')).json();
    const withoutCsrf = await call(`${world.stack.apiUrl}/settings/${programId}/api/backfill`, { method: 'POST', body: {}, cookies: session.cookies });
    const onDemand = await api.post('/backfill');
    // Assess
    expect(afterConnect).toEqual({ progress: null });
    expect(withoutCsrf.status).toBe(403);
    expect(onDemand.status).toBe(202);
    expect(onDemand.json()).toMatchObject({ started: true, skippedKinds: [], progress: { trigger: 'settings', kinds: [{ kind: 'partner' }, { kind: 'transaction' }] } });
  });
});
