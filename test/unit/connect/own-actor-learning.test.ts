import type { AttioClient } from '../../../shared/attio/attio-client';
import type { AttioWebhookSubscription } from '../../../shared/attio/schemas';
import { OwnActorLearning, type OwnActorStore } from '../../../shared/connect/own-actor-learning';
import type { ProgramContext } from '../../../shared/programs/program-context';
import type { AttioActor, AttioConnection } from '../../../shared/programs/program-repository';
import { defaultProgramSettings } from '../../../shared/programs/program-settings';

const connectedAt = '2026-12-01T10:00:00.000Z';
const ours: AttioActor = { type: 'api-token', id: 'actor-ours' };
const written = (actor: unknown = ours) => ({
  sentAttributes: ['partnero_partner_id', 'email_addresses'],
  values: {
    partnero_partner_id: [
      {
        active_from: '2026-12-01T10:01:00.000Z',
        active_until: null,
        created_by_actor: actor,
        attribute_type: 'text',
        value: 'p1',
      },
    ],
    email_addresses: [
      {
        active_from: '2020-01-01T00:00:00.000Z',
        active_until: null,
        created_by_actor: { type: 'workspace-member', id: 'sam' },
        attribute_type: 'email-address',
      },
    ],
  },
});

function aConnection(overrides: Partial<AttioConnection> = {}): AttioConnection {
  return {
    programId: 'prog',
    workspaceId: 'ws',
    workspaceName: 'Acme',
    accessTokenCiphertext: 'c',
    authorizedByWorkspaceMemberId: null,
    actor: null,
    webhookId: 'hook-1',
    webhookSecretCiphertext: 's',
    connectedAt,
    ...overrides,
  };
}

function aProgram(connection: AttioConnection | undefined): ProgramContext {
  return {
    programId: 'prog',
    attioConnection: connection,
    attioAccessToken: async () => 'token',
  } as unknown as ProgramContext;
}

/** A store like the repository: the first actor recorded wins. */
function aStore(stored: AttioActor | null = null) {
  const calls = { recorded: [] as AttioActor[], filtered: [] as string[] };
  const store: OwnActorStore = {
    async recordAttioActor(_programId, _connectedAt, actor) {
      calls.recorded.push(actor);
      stored ??= actor;
      return stored;
    },
    async recordWebhookActorFilter(_programId, _connectedAt, _webhookId, actorId) {
      calls.filtered.push(actorId);
    },
    getSettings: async () => ({ settings: defaultProgramSettings(), version: 1, updatedAt: null, syncStartedAt: null }),
  };
  return { store, calls };
}

/** An Attio client whose webhook holds subscriptions without an actor filter; `failures` PATCHes fail first. */
function anAttio(failures = 0, webhookExists = true) {
  const patched: AttioWebhookSubscription[][] = [];
  let left = failures;
  const client = {
    objects: {
      list: async () => [
        {
          id: { workspace_id: 'ws', object_id: 'obj-deals' },
          api_slug: 'deals',
          singular_noun: 'Deal',
          plural_noun: 'Deals',
          created_at: '',
        },
      ],
    },
    attributes: {
      get: async (_object: string, slug: string) => ({
        id: { workspace_id: 'ws', attribute_id: `attr-${slug}` },
        api_slug: slug,
      }),
    },
    webhooks: {
      get: async () =>
        webhookExists
          ? {
              id: { workspace_id: 'ws', webhook_id: 'hook-1' },
              target_url: 'https://x',
              subscriptions: [],
              status: 'active',
              created_at: '',
            }
          : undefined,
      update: async (_id: string, changes: { subscriptions: AttioWebhookSubscription[] }) => {
        if (left > 0) {
          left -= 1;
          throw new Error('Attio answered 503');
        }
        patched.push(changes.subscriptions);
        return {};
      },
    },
  } as unknown as AttioClient;
  return { client, patched };
}

describe('OwnActorLearning', () => {
  it('learns our actor from the first write, stores it, and adds actor.id not_equals to every subscription', async () => {
    // Prepare
    const { store, calls } = aStore();
    const attio = anAttio();
    const learning = new OwnActorLearning({ store, attioFor: () => attio.client });
    const observer = learning.forProgram(aProgram(aConnection()));

    // Act
    await observer?.afterWrite(written());
    await observer?.afterWrite(written());

    // Assess
    expect(calls.recorded).toEqual([ours]);
    expect(attio.patched).toHaveLength(1);
    expect(attio.patched[0]?.length).toBeGreaterThan(0);
    for (const subscription of attio.patched[0] ?? [])
      expect((subscription.filter as { $and: unknown[] }).$and).toContainEqual({
        field: 'actor.id',
        operator: 'not_equals',
        value: ours.id,
      });
    expect(calls.filtered).toEqual([ours.id]);
  });

  it('filters the webhook by the actor another worker stored first', async () => {
    // Prepare
    const winner: AttioActor = { type: 'api-token', id: 'actor-stored-first' };
    const { store } = aStore(winner);
    const attio = anAttio();
    const observer = new OwnActorLearning({ store, attioFor: () => attio.client }).forProgram(aProgram(aConnection()));

    // Act
    await observer?.afterWrite(written());

    // Assess
    for (const subscription of attio.patched[0] ?? [])
      expect((subscription.filter as { $and: unknown[] }).$and).toContainEqual({
        field: 'actor.id',
        operator: 'not_equals',
        value: winner.id,
      });
  });

  it('stores nothing from a write that cannot name us (a system or member actor)', async () => {
    const { store, calls } = aStore();
    const attio = anAttio();
    const observer = new OwnActorLearning({ store, attioFor: () => attio.client }).forProgram(aProgram(aConnection()));
    await observer?.afterWrite(written({ type: 'system', id: null }));
    await observer?.afterWrite(written({ type: 'workspace-member', id: 'sam' }));
    expect(calls.recorded).toEqual([]);
    expect(attio.patched).toEqual([]);
  });

  it('leaves a failed webhook update for a later write: reported, not noted, retried by the next event', async () => {
    // Prepare
    const { store, calls } = aStore();
    const attio = anAttio(1);
    const errors: string[] = [];
    let now = 0;
    const learning = new OwnActorLearning({
      store,
      attioFor: () => attio.client,
      onError: (step) => errors.push(step),
      retryAfterMs: 1_000,
      now: () => now,
    });

    // Act: the first event learns the actor but cannot PATCH; an event right after waits; one a while later (actor now on the connection) can.
    await learning.forProgram(aProgram(aConnection()))?.afterWrite(written());
    now = 500;
    await learning.forProgram(aProgram(aConnection({ actor: ours })))?.afterWrite(written());
    const whileWaiting = attio.patched.length;
    now = 1_500;
    await learning.forProgram(aProgram(aConnection({ actor: ours })))?.afterWrite(written());

    // Assess
    expect(whileWaiting).toBe(0);
    expect(errors).toEqual(['filter-webhook']);
    expect(attio.patched).toHaveLength(1);
    expect(calls.filtered).toEqual([ours.id]);
  });

  it('notes a webhook Attio no longer has as done, so later writes do not look again', async () => {
    const { store, calls } = aStore();
    const attio = anAttio(0, false);
    await new OwnActorLearning({ store, attioFor: () => attio.client })
      .forProgram(aProgram(aConnection()))
      ?.afterWrite(written());
    expect(attio.patched).toEqual([]);
    expect(calls.filtered).toEqual([ours.id]);
  });

  it('has nothing to do once the actor is known and the webhook excludes it, or before Attio is connected', () => {
    const learning = new OwnActorLearning({ store: aStore().store, attioFor: () => anAttio().client });
    expect(
      learning.forProgram(aProgram(aConnection({ actor: ours, webhookFilteredActorId: ours.id }))),
    ).toBeUndefined();
    expect(learning.forProgram(aProgram(aConnection({ actor: ours, webhookId: null })))).toBeUndefined();
    expect(learning.forProgram(aProgram(undefined))).toBeUndefined();
  });
});
