import { attioSyncAttributeSlugs } from '../../../shared/programs/attio-sync-attributes';
import { createAttioClient } from '../../../shared/attio/attio-client';
import { tokenPurposes } from '../../../shared/programs/program-context';
import { neededAttioScopes } from '../../../shared/connect/attio-scopes';
import {
  call,
  connectAndSave,
  connectAttio,
  openSession,
  registeredProgram,
  saveSettings,
  settingsApi,
  startConnectWorld,
  submitConnectForm,
  type ConnectWorld,
} from './connect-world';

describe('Connect with Attio (OAuth) against the Attio simulator', () => {
  let world: ConnectWorld;

  beforeAll(async () => {
    world = await startConnectWorld();
  });

  afterAll(async () => {
    await world.stop();
  });

  async function tokenOf(programId: string): Promise<string> {
    const connection = await world.programs.getAttioConnection(programId);
    return world.cipher.decrypt(connection?.accessTokenCiphertext as string, {
      programId,
      purpose: tokenPurposes.attioAccessToken,
    });
  }

  const ourWebhooks = (programId: string) =>
    world.attio.control
      .webhooks(world.workspaceId)
      .filter((webhook) => webhook.targetUrl === `${world.stack.apiUrl}/webhooks/attio/${programId}`);

  it('redirects to Attio with the client, the redirect URI and a single-use state, and binds the state to the browser', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    // Act
    const start = await submitConnectForm(world.stack.apiUrl, programId, session);
    // Assess
    expect(start.status).toBe(303);
    const location = new URL(start.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(`${world.attio.url}/authorize`);
    expect(location.searchParams.get('client_id')).toBe(world.secrets.clientId);
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('redirect_uri')).toBe(`${world.stack.apiUrl}/oauth/attio/callback`);
    const state = location.searchParams.get('state') as string;
    expect(state).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(start.setCookies).toEqual([`pas_oauth_state=${state}`]);
    expect(start.headers.get('set-cookie')).toMatch(
      /Path=\/oauth\/attio\/callback; Max-Age=600; HttpOnly; SameSite=Lax/,
    );
  });

  const writesToAttio = () =>
    Object.entries(world.attio.control.requestCounts())
      .filter(
        ([route, count]) =>
          route.includes(' /v2/') && count.writes > 0 && route !== 'POST /v2/objects/{object}/records/query',
      )
      .map(([route]) => route);

  it('connects read-only: token stored encrypted, scopes and objects checked, nothing created in Attio, the sync not started', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    const peopleBefore = world.attio.control.records('people', world.workspaceId).length;
    world.attio.control.resetRequestCounts();
    // Act
    const done = await connectAttio(world, programId, session);
    // Assess
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${world.stack.apiUrl}/settings/${programId}?connected=1`);
    const connection = await world.programs.getAttioConnection(programId);
    expect(connection).toMatchObject({
      programId,
      workspaceId: world.workspaceId,
      workspaceName: 'Acme Sales',
      webhookId: null,
      webhookSecretCiphertext: null,
    });
    expect(connection?.workspaceCheck).toMatchObject({ missingScopes: [], missingObjects: [] });
    const token = await tokenOf(programId);
    expect(connection?.accessTokenCiphertext).not.toContain(token);
    // Our actor is not known yet: it is learned from the sync's first real write, never from a probe record.
    expect(connection?.actor).toBeNull();
    // No record, attribute or webhook: connect only read.
    expect(writesToAttio()).toEqual([]);
    expect(world.attio.control.records('people', world.workspaceId)).toHaveLength(peopleBefore);
    expect(ourWebhooks(programId)).toEqual([]);
    expect(
      await createAttioClient({ apiUrl: world.attio.url, accessToken: token }).attributes.get(
        'people',
        attioSyncAttributeSlugs.partnerId,
      ),
    ).toBeUndefined();
    expect((await world.programs.getSettings(programId)).syncStartedAt).toBeNull();
    const history = (await world.audit.listRecent(programId, { direction: 'settings' })).entries;
    expect(history[0]).toMatchObject({
      sourceEvent: 'attio.connected',
      reason: expect.stringContaining('the sync starts when the settings are saved'),
    });
  });

  it('the first Save starts the sync: attributes created, one filtered webhook registered, sync start recorded', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    await connectAttio(world, programId, session);
    // Act
    const saved = await saveSettings(world, programId, session);
    const again = await saveSettings(world, programId, session);
    // Assess
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, startedSync: true, webhook: 'created' });
    expect(again.json()).toMatchObject({
      version: 2,
      startedSync: false,
      webhook: 'unchanged',
      syncStartedAt: saved.json<{ syncStartedAt: string }>().syncStartedAt,
    });
    const connection = await world.programs.getAttioConnection(programId);
    const attio = createAttioClient({ apiUrl: world.attio.url, accessToken: await tokenOf(programId) });
    // The sync's attributes exist, unique where they identify a record.
    const attribute = async (object: string, slug: string) => attio.attributes.get(object, slug);
    expect((await attribute('people', 'partnero_partner_id'))?.is_unique).toBe(true);
    expect((await attribute('people', 'partnero_customer_key'))?.is_unique).toBe(true);
    expect((await attribute('deals', 'partnero_transaction_key'))?.is_unique).toBe(true);
    for (const object of ['people', 'deals'])
      expect((await attribute(object, 'partnero_source'))?.is_unique).toBe(false);
    // One webhook of ours, filtered to the synced objects.
    const webhooks = ourWebhooks(programId);
    expect(webhooks.map((webhook) => webhook.id)).toEqual([connection?.webhookId]);
    const subscriptions = webhooks[0]?.subscriptions as {
      event_type: string;
      filter: { $and: { field: string; operator: string; value: string }[] };
    }[];
    expect(new Set(subscriptions.map((subscription) => subscription.event_type))).toEqual(
      new Set(['record.created', 'record.updated', 'record.deleted', 'record.merged']),
    );
    for (const subscription of subscriptions) {
      expect(
        subscription.filter.$and.some(
          (condition) => condition.field === 'id.object_id' && condition.operator === 'equals',
        ),
      ).toBe(true);
      // No actor filter until the actor is known (test/integration/partnero-to-attio/own-actor.test.ts).
      expect(subscription.filter.$and.some((condition) => condition.field === 'actor.id')).toBe(false);
    }
    expect((await world.programs.getSettings(programId)).syncStartedAt).toBe(
      saved.json<{ syncStartedAt: string }>().syncStartedAt,
    );
    const history = (await world.audit.listRecent(programId, { direction: 'settings' })).entries.map(
      (entry) => entry.sourceEvent,
    );
    expect(history.filter((event) => event === 'sync.started')).toHaveLength(1);
  });

  it('delivers a member’s change to our webhook route with a signature it accepts', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    await connectAndSave(world, programId, await openSession(world, programId));
    const connection = await world.programs.getAttioConnection(programId);
    const before = world.attio.control
      .deliveries()
      .filter((delivery) => delivery.webhookId === connection?.webhookId).length;
    // Act: a member creates a person.
    world.attio.control.createRecordAsMember(
      'people',
      { name: [{ first_name: 'Grace', last_name: 'Hopper', full_name: 'Grace Hopper' }] },
      { workspaceId: world.workspaceId },
    );
    await world.attio.control.flushDeliveries();
    // Assess
    const deliveries = world.attio.control
      .deliveries()
      .filter((delivery) => delivery.webhookId === connection?.webhookId)
      .slice(before);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.state).toBe('delivered');
    expect(deliveries[0]?.attempts[0]?.status).toBe(200);
  });

  it('reconnecting a syncing program replaces the webhook for the new token and revokes the old one: never two webhooks', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    await connectAndSave(world, programId, session);
    const first = await world.programs.getAttioConnection(programId);
    const firstToken = await tokenOf(programId);
    // Act
    const again = await connectAttio(world, programId, session);
    // Assess
    expect(again.status).toBe(303);
    const second = await world.programs.getAttioConnection(programId);
    expect(second?.webhookId).toEqual(expect.any(String));
    expect(second?.webhookId).not.toBe(first?.webhookId);
    expect(ourWebhooks(programId).map((webhook) => webhook.id)).toEqual([second?.webhookId]);
    expect(
      (await fetch(`${world.attio.url}/v2/self`, { headers: { authorization: `Bearer ${firstToken}` } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${world.attio.url}/v2/self`, { headers: { authorization: `Bearer ${await tokenOf(programId)}` } }))
        .status,
    ).toBe(200);
  });

  it('reconnecting a program that never saved stays read-only: still no webhook', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    await connectAttio(world, programId, session);
    // Act
    await connectAttio(world, programId, session);
    // Assess
    expect((await world.programs.getAttioConnection(programId))?.webhookId).toBeNull();
    expect(ourWebhooks(programId)).toEqual([]);
  });

  describe('scopes the Attio app was given', () => {
    const allNeeded = neededAttioScopes.map((needed) => needed.scope);
    const giveAppScopes = (scopes: readonly string[]) =>
      world.attio.control.registerOAuthClient({
        clientId: world.secrets.clientId,
        clientSecret: world.secrets.clientSecret,
        redirectUris: [`${world.stack.apiUrl}/oauth/attio/callback`],
        workspaceId: world.workspaceId,
        scopes,
      });
    afterEach(() => giveAppScopes(allNeeded));

    it('refuses the connect when an essential scope is missing, says which in the History, and stores nothing', async () => {
      // Prepare
      giveAppScopes(allNeeded.filter((scope) => scope !== 'record_permission:read-write'));
      const { programId } = await registeredProgram(world);
      const session = await openSession(world, programId);
      // Act
      const done = await connectAttio(world, programId, session);
      const page = await call(done.headers.get('location') as string, { cookies: session.cookies });
      // Assess
      expect(done.headers.get('location')).toBe(`${world.stack.apiUrl}/settings/${programId}?connect_error=scopes`);
      expect(page.text).toContain('Record permission: Read-write');
      expect(await world.programs.getAttioConnection(programId)).toBeUndefined();
      const [refused] = (await world.audit.listRecent(programId, { direction: 'settings' })).entries;
      expect(refused).toMatchObject({
        sourceEvent: 'attio.connect-refused',
        outcome: 'rejected',
        reason: expect.stringContaining('record_permission:read-write'),
      });
    });

    it('connects without the webhook scope, starts Partnero -> Attio at Save, and the Status tab says to allow "Webhook: Read-write"', async () => {
      // Prepare
      giveAppScopes(allNeeded.filter((scope) => scope !== 'webhook:read-write'));
      const { programId } = await registeredProgram(world);
      const session = await openSession(world, programId);
      // Act
      const done = await connectAttio(world, programId, session);
      const saved = await saveSettings(world, programId, session);
      const status = (await settingsApi(world, programId, session).get('/status')).json<{
        attio: { setupIssues: { code: string; message: string }[]; webhook: { detail: string } };
        sync: { started: boolean };
      }>();
      // Assess
      expect(done.headers.get('location')).toMatch(/\?connected=1$/);
      expect((await world.programs.getAttioConnection(programId))?.workspaceCheck?.missingScopes).toEqual([
        'webhook:read-write',
      ]);
      expect(saved.json()).toMatchObject({ startedSync: true, webhook: 'none' });
      expect(ourWebhooks(programId)).toEqual([]);
      expect(status.sync.started).toBe(true);
      expect(status.attio.setupIssues).toEqual([
        { code: 'scope-missing', message: expect.stringContaining('"Webhook: Read-write"') },
      ]);
      expect(status.attio.webhook.detail).toMatch(/Webhook: Read-write/);
    });
  });

  describe('refuses a misused state', () => {
    async function startedFlow() {
      const { programId } = await registeredProgram(world);
      const session = await openSession(world, programId);
      const start = await submitConnectForm(world.stack.apiUrl, programId, session);
      const authorize = await call(start.headers.get('location') as string);
      return {
        programId,
        session,
        browserCookies: start.setCookies,
        callbackUrl: new URL(authorize.headers.get('location') as string),
      };
    }

    it('a missing state or code is a 400, and nothing is connected', async () => {
      // Prepare
      const { programId, browserCookies, callbackUrl } = await startedFlow();
      const withoutState = new URL(callbackUrl);
      withoutState.searchParams.delete('state');
      const withoutCode = new URL(callbackUrl);
      withoutCode.searchParams.delete('code');
      // Act
      const noState = await call(withoutState.toString(), { cookies: browserCookies });
      const noCode = await call(withoutCode.toString(), { cookies: browserCookies });
      // Assess
      expect(noState.status).toBe(400);
      expect(noCode.status).toBe(400);
      expect(await world.programs.getAttioConnection(programId)).toBeUndefined();
    });

    it('a reused state is a 403: the second callback with the same state connects nothing', async () => {
      // Prepare
      const { programId, browserCookies, callbackUrl } = await startedFlow();
      const first = await call(callbackUrl.toString(), { cookies: browserCookies });
      const connected = await world.programs.getAttioConnection(programId);
      // Act
      const replay = await call(callbackUrl.toString(), { cookies: browserCookies });
      // Assess
      expect(first.status).toBe(303);
      expect(replay.status).toBe(403);
      expect(replay.text).toMatch(/already used/);
      expect((await world.programs.getAttioConnection(programId))?.webhookId).toBe(connected?.webhookId);
    });

    it('a state from another browser (no or another state cookie) is a 403 and stays usable by its own browser', async () => {
      // Prepare
      const { programId, browserCookies, callbackUrl } = await startedFlow();
      // Act
      const noCookie = await call(callbackUrl.toString());
      const otherCookie = await call(callbackUrl.toString(), {
        cookies: ['pas_oauth_state=someone-elses-state-value-0123456789'],
      });
      const own = await call(callbackUrl.toString(), { cookies: browserCookies });
      // Assess
      expect(noCookie.status).toBe(403);
      expect(otherCookie.status).toBe(403);
      expect(noCookie.text).toMatch(/not started in this browser/);
      expect(own.status).toBe(303);
      expect(await world.programs.getAttioConnection(programId)).toBeDefined();
    });

    it('a state we never issued is a 403, even when the browser presents it as its own', async () => {
      // Prepare
      const forged = 'forged-state-0123456789abcdefghijklmnopqrstuvwxyz';
      // Act
      const answer = await call(`${world.stack.apiUrl}/oauth/attio/callback?code=abc&state=${forged}`, {
        cookies: [`pas_oauth_state=${forged}`],
      });
      // Assess
      expect(answer.status).toBe(403);
    });

    it('an expired state is a 403', async () => {
      // Prepare
      const { programId } = await registeredProgram(world);
      const stale = await world.states.create(programId, new Date(Date.now() - 11 * 60_000));
      // Act
      const answer = await call(`${world.stack.apiUrl}/oauth/attio/callback?code=abc&state=${stale.nonce}`, {
        cookies: [`pas_oauth_state=${stale.nonce}`],
      });
      // Assess
      expect(answer.status).toBe(403);
      expect(answer.text).toMatch(/expired/);
      expect(await world.programs.getAttioConnection(programId)).toBeUndefined();
    });

    it('a state issued for one program cannot connect another: the program comes from the state, not the URL', async () => {
      // Prepare
      const a = await startedFlow();
      const b = await registeredProgram(world);
      // Act
      const answer = await call(a.callbackUrl.toString(), { cookies: a.browserCookies });
      // Assess
      expect(answer.headers.get('location')).toBe(`${world.stack.apiUrl}/settings/${a.programId}?connected=1`);
      expect(await world.programs.getAttioConnection(b.programId)).toBeUndefined();
    });
  });

  it('an access denied at Attio ends the flow without connecting', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    const start = await submitConnectForm(world.stack.apiUrl, programId, session);
    const state = new URL(start.headers.get('location') as string).searchParams.get('state') as string;
    // Act
    const answer = await call(`${world.stack.apiUrl}/oauth/attio/callback?error=access_denied&state=${state}`, {
      cookies: start.setCookies,
    });
    // Assess
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`${world.stack.apiUrl}/settings/${programId}?connect_error=denied`);
    expect(await world.programs.getAttioConnection(programId)).toBeUndefined();
  });

  it('disconnecting revokes the token and deletes the webhook', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    await connectAndSave(world, programId, session);
    const token = await tokenOf(programId);
    // Act
    const answer = await settingsApi(world, programId, session).post('/attio/disconnect');
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ disconnected: true, webhook: 'deleted' });
    expect(ourWebhooks(programId)).toEqual([]);
    expect((await fetch(`${world.attio.url}/v2/self`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
    expect(await world.programs.getAttioConnection(programId)).toBeUndefined();
  });
});
