import { setTimeout as sleep } from 'node:timers/promises';
import { WORKER_PROGRAM_CACHE_MS } from '../../../shared/programs/program-context';
import type { AuditEntry } from '../../../shared/sync/audit-log';
import * as connect from '../connect/connect-world';

/**
 * Issue 13 item 4, end to end through the local stack: connect writes nothing to learn the
 * service's Attio actor; a Partnero change synced to Attio comes back through the Attio webhook
 * and writes nothing to Partnero, first while our actor is unknown (the link's value hash
 * recognises the echo), then once the first write taught it (the webhook no longer sends our
 * writes at all). Run with both actor types Attio's sources allow for a token's writes.
 */
describe('our own Attio actor, learned from the first write', () => {
  let world: connect.ConnectWorld;

  beforeAll(async () => {
    world = await connect.startConnectWorld({ startWorkers: true });
  }, 120_000);
  afterAll(async () => {
    await world.stop();
  });

  /** Partnero's webhooks in, the P->A worker, Attio's webhooks back, the A->P worker. */
  async function settleBothWays(): Promise<void> {
    await world.partnero.control.flushDeliveries();
    await world.stack.waitUntilIdle(30_000);
    await world.attio.control.flushDeliveries();
    await world.stack.waitUntilIdle(30_000);
  }

  /** Connect with Attio and save the settings (with a won stage), as a program manager does. */
  async function connectAndSave(programId: string, options: { customers: boolean }): Promise<void> {
    const session = await connect.openSession(world, programId);
    expect((await connect.connectAttio(world, programId, session)).status).toBe(303);
    const api = connect.settingsApi(world, programId, session);
    const current = (await api.get('/settings')).json<{
      version: number;
      settings: { customers: Record<string, unknown>; deals: Record<string, unknown> };
    }>();
    const stages = (await api.get('/attio/deal-stages')).json<{ stages: { id: string }[] }>().stages;
    const settings = {
      ...current.settings,
      customers: { ...current.settings.customers, enabled: options.customers },
      deals: { ...current.settings.deals, wonStageId: stages[0]?.id },
    };
    const saved = await api.put('/settings', { version: current.version, settings });
    expect(`${saved.status} ${saved.text}`).toBe(`200 ${saved.text}`);
  }

  /** The workers keep a program they loaded for a few seconds: a connection changed behind their back reaches them after that. */
  const untilWorkersReloadPrograms = () => sleep(WORKER_PROGRAM_CACHE_MS + 100);

  const attioToPartnero = async (programId: string): Promise<AuditEntry[]> =>
    (await world.audit.listRecent(programId, { limit: 200, direction: 'attio-to-partnero' })).entries;
  const partneroWrites = () =>
    Object.entries(world.partnero.control.requestCounts()).filter(([, count]) => count.writes > 0);
  const deliveriesTo = (webhookId: string | null | undefined) =>
    world.attio.control.deliveries().filter((delivery) => delivery.webhookId === webhookId);

  it.each(['api-token', 'app'] as const)(
    'recognises the echo by hash while the actor is unknown, learns the actor from a write, then Attio stops sending our writes (token writes as %s)',
    async (actorType) => {
      // Prepare: connect, then save with customer sync on (so people's events are read back).
      world.attio.control.setTokenActorType(actorType);
      const { programId } = await connect.registeredProgram(world, 'actor');
      // Every program of this world connects the same Attio workspace: keys and emails are its own.
      const key = `cust-${actorType}`;
      await connectAndSave(programId, { customers: true });
      await settleBothWays();
      const connected = await world.programs.getAttioConnection(programId);
      expect(connected?.actor).toBeNull();
      // Attio's clock is behind ours for now: no value can be told to be this connection's, so the actor stays unknown.
      const realStart = connected?.connectedAt as string;
      await world.programs.putAttioConnection({
        ...(connected as NonNullable<typeof connected>),
        connectedAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await untilWorkersReloadPrograms();
      world.partnero.control.resetRequestCounts();

      // Act 1: a partner and a customer created in Partnero, synced to Attio, echoed back by Attio.
      const partner = world.partnero.control.partners.create(programId, {
        email: `pat-${actorType}@example.com`,
        name: 'Pat',
        surname: 'Partner',
        key: `pat-${actorType}`,
      });
      world.partnero.control.customers.create(programId, {
        key,
        email: `cora-${actorType}@example.com`,
        name: 'Cora',
        surname: 'Customer',
        partner: { id: partner.id },
      });
      await settleBothWays();

      // Assess 1: the echoes reached the worker and were dropped by hash, with the actor still unknown.
      const unknown = await world.programs.getAttioConnection(programId);
      expect(unknown?.actor).toBeNull();
      expect(deliveriesTo(unknown?.webhookId).length).toBeGreaterThan(0);
      const echoesByHash = await attioToPartnero(programId);
      expect(echoesByHash.length).toBeGreaterThan(0);
      expect(echoesByHash.map((entry) => entry.outcome)).toEqual(echoesByHash.map(() => 'echo'));
      expect(
        echoesByHash.every((entry) => entry.reason.includes('holds exactly what the Partnero -> Attio sync wrote')),
      ).toBe(true);
      expect(partneroWrites()).toEqual([]);

      // Act 2: the clocks agree again; the next Partnero change is written to Attio and teaches the actor.
      await world.programs.putAttioConnection({ ...(unknown as NonNullable<typeof unknown>), connectedAt: realStart });
      await untilWorkersReloadPrograms();
      world.partnero.control.customers.update(programId, key, { name: 'Coral' });
      await settleBothWays();

      // Assess 2: the actor is the one Attio names on our values, and every subscription now excludes it.
      const learned = await world.programs.getAttioConnection(programId);
      const person = (
        world.attio.control.records('people', world.workspaceId) as {
          values: Record<string, { value?: unknown; created_by_actor?: unknown }[]>;
        }[]
      ).find((record) => record.values.partnero_customer_key?.some((value) => value.value === key));
      expect(learned?.actor).toEqual(person?.values.partnero_customer_key?.[0]?.created_by_actor);
      expect(learned?.actor?.type).toBe(actorType);
      expect(learned?.webhookFilteredActorId).toBe(learned?.actor?.id);
      const hook = world.attio.control.webhooks(world.workspaceId).find((webhook) => webhook.id === learned?.webhookId);
      const subscriptions = hook?.subscriptions as { filter: { $and: unknown[] } }[];
      expect(subscriptions.length).toBeGreaterThan(0);
      for (const subscription of subscriptions)
        expect(subscription.filter.$and).toContainEqual({
          field: 'actor.id',
          operator: 'not_equals',
          value: learned?.actor?.id,
        });
      expect(partneroWrites()).toEqual([]);

      // Act 3: another Partnero change, after the actor is known.
      const deliveredBefore = deliveriesTo(learned?.webhookId).length;
      const auditBefore = (await attioToPartnero(programId)).length;
      world.partnero.control.customers.update(programId, key, { name: 'Coralie', surname: 'Customers' });
      await settleBothWays();

      // Assess 3: written to Attio, not sent back by Attio, nothing written to Partnero.
      const after = (
        world.attio.control.records('people', world.workspaceId) as {
          values: Record<string, { value?: unknown; first_name?: unknown }[]>;
        }[]
      ).find((record) => record.values.partnero_customer_key?.some((value) => value.value === key));
      expect(after?.values.name?.[0]?.first_name).toBe('Coralie');
      expect(deliveriesTo(learned?.webhookId).length).toBe(deliveredBefore);
      const entries = await attioToPartnero(programId);
      expect(entries.length).toBe(auditBefore);
      expect(entries.map((entry) => entry.outcome)).toEqual(entries.map(() => 'echo'));
      expect(partneroWrites()).toEqual([]);
    },
    120_000,
  );

  it('still delivers a member’s change once our actor is excluded', async () => {
    // Prepare: a program whose actor is learned (a partner synced once).
    world.attio.control.setTokenActorType('api-token');
    const { programId } = await connect.registeredProgram(world, 'member');
    await connectAndSave(programId, { customers: false });
    world.partnero.control.partners.create(programId, {
      email: 'mo@example.com',
      name: 'Mo',
      surname: 'Member',
      key: 'mo',
    });
    await settleBothWays();
    const connection = await world.programs.getAttioConnection(programId);
    expect(connection?.webhookFilteredActorId).toBe(connection?.actor?.id);
    const before = deliveriesTo(connection?.webhookId).length;

    // Act
    world.attio.control.createRecordAsMember(
      'people',
      { email_addresses: ['walk-in@example.com'] },
      { workspaceId: world.workspaceId },
    );
    await world.attio.control.flushDeliveries();

    // Assess
    const delivered = deliveriesTo(connection?.webhookId).slice(before);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((delivery) => delivery.state === 'delivered')).toBe(true);
  }, 120_000);
});
