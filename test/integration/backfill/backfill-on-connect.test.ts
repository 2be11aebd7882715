import { BackfillStore } from '../../../shared/backfill/backfill-store';
import { runBackfills } from '../../../shared/backfill/backfill-runner';
import { partneroPageReader } from '../../../shared/backfill/partnero-pages';
import { sendQueueMessages } from '../../../shared/queue/send-queue-messages';
import { ProgramContextLoader } from '../../../shared/programs/program-context';
import { AuditLog } from '../../../shared/sync/audit-log';
import { localSqsClient } from '../../support/local-aws-clients';
import * as connect from '../connect/connect-world';
import { sdkSqsBatchSender } from '../../../shared/aws/sqs-client';

describe('backfill when a program starts syncing (its first Save after connecting Attio)', () => {
  let world: connect.ConnectWorld;
  beforeAll(async () => {
    world = await connect.startConnectWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('starts a partner backfill at the first Save, shows its progress to the settings session and pages Partnero on the runner', async () => {
    // Prepare: partners that exist before the program connects Attio.
    const { programId } = await connect.registeredProgram(world, 'connect-backfill');
    for (const index of [1, 2, 3])
      world.partnero.control.partners.create(programId, { email: `early${index}@affiliates.example` });
    const session = await connect.openSession(world, programId);
    const api = connect.settingsApi(world, programId, session);
    // Act
    const saved = await connect.connectAndSave(world, programId, session);
    const requested = (await api.get('/backfill')).json();
    await world.stack.runScheduled('backfill-runner');
    const listed = (await api.get('/backfill')).json();
    // Assess
    expect(saved.status).toBe(200);
    expect(requested).toMatchObject({
      progress: {
        trigger: 'sync-start',
        state: 'pending',
        kinds: [{ kind: 'partner', state: 'pending', done: 0, total: 0, totalKnown: false }],
      },
    });
    // Workers are off in this world: every partner listed and enqueued, none processed yet.
    expect(listed).toMatchObject({
      progress: {
        state: 'running',
        kinds: [{ kind: 'partner', state: 'syncing', done: 0, total: 3, totalKnown: true }],
      },
    });
    const viaAdmin = await connect.call(`${world.stack.apiUrl}/admin/programs/${programId}/backfill`, {
      headers: { authorization: `Bearer ${world.secrets.adminToken}` },
    });
    expect(viaAdmin.json()).toEqual(listed);
  });

  it('starts nothing at the first Save when the program turned the backfill off, and starts on demand from the settings page', async () => {
    // Prepare
    const { programId } = await connect.registeredProgram(world, 'no-backfill');
    const session = await connect.openSession(world, programId);
    const api = connect.settingsApi(world, programId, session);
    // Act
    await connect.connectAndSave(world, programId, session, (settings) => {
      settings.backfill.onConnect.partners = false;
    });
    const afterConnect = (await api.get('/backfill')).json();
    const withoutCsrf = await connect.call(`${world.stack.apiUrl}/settings/${programId}/api/backfill`, {
      method: 'POST',
      body: {},
      cookies: session.cookies,
    });
    const onDemand = await api.post('/backfill');
    // Assess
    expect(afterConnect).toEqual({ progress: null });
    expect(withoutCsrf.status).toBe(403);
    expect(onDemand.status).toBe(202);
    expect(onDemand.json()).toMatchObject({
      started: true,
      skippedKinds: [],
      progress: { trigger: 'settings', kinds: [{ kind: 'partner' }, { kind: 'transaction' }] },
    });
  });

  it('pauses paging while the worker lags behind, and goes on once it catches up', async () => {
    // Prepare: workers are off in this world, so nothing enqueued is processed.
    const { programId } = await connect.registeredProgram(world, 'lagging');
    for (const index of [1, 2, 3, 4, 5])
      world.partnero.control.partners.create(programId, { email: `lag${index}@affiliates.example` });
    const session = await connect.openSession(world, programId);
    await connect.connectAndSave(world, programId, session);
    const sqs = localSqsClient();
    const store = new BackfillStore(world.table);
    const pass = () =>
      runBackfills(
        {
          store,
          programs: new ProgramContextLoader(world.programs, world.cipher),
          pagesFor: (apiKey) => partneroPageReader({ apiUrl: world.partnero.url, apiKey }),
          send: (messages) =>
            sendQueueMessages(sdkSqsBatchSender(sqs), world.stack.resources.queues['partnero-to-attio'].url, messages),
          audit: new AuditLog(world.table),
          options: { pageSize: 2, maxOutstanding: 3, leaseMs: 60_000, owner: 'lag-test' },
        },
        Date.now() + 20_000,
      );
    // Act
    const lagging = (await pass()).find((entry) => entry.programId === programId);
    const run = await store.readRun(programId);
    // The worker processes the first four records.
    for (const _ of [1, 2, 3, 4]) await store.noteProcessed(programId, 'partner', run?.runId as string, false);
    const caughtUp = (await pass()).find((entry) => entry.programId === programId);
    sqs.destroy();
    // Assess: two pages (4 records outstanding >= 3), then the last page once 4 were processed.
    expect(lagging).toMatchObject({ outcome: 'paused', pages: 2, enqueued: 4 });
    expect(caughtUp).toMatchObject({ outcome: 'listed', pages: 1, enqueued: 1 });
    expect((await store.readKinds(programId, run?.runId as string))[0]).toMatchObject({
      state: 'syncing',
      total: 5,
      done: 4,
      listingComplete: true,
    });
  });
});
