import { partneroSyncedEvents } from '../../../shared/partnero/webhook-delivery-schema';
import { tokenPurposes } from '../../../shared/programs/program-context';
import {
  admin,
  connectAndSave,
  openSession,
  registeredProgram,
  startConnectWorld,
  type ConnectWorld,
} from './connect-world';
import { randomBytes } from 'node:crypto';

describe('provisioning a program through the admin API', () => {
  let world: ConnectWorld;

  beforeAll(async () => {
    world = await startConnectWorld();
  });

  afterAll(async () => {
    await world.stop();
  });

  it('checks the key, registers one Partnero webhook for the synced events and stores key and secret encrypted', async () => {
    // Prepare
    const programId = `prov-${randomBytes(3).toString('hex')}`;
    const apiKey = `pk_${randomBytes(12).toString('hex')}`;
    world.partnero.control.createProgram({ id: programId, apiKey });
    // Act
    const answer = await admin(world, 'POST', '/admin/programs', {
      programId,
      displayName: 'Acme affiliates',
      partneroApiKey: apiKey,
    });
    // Assess
    expect(answer.status).toBe(201);
    const webhooks = world.partnero.control.webhooks(programId);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]?.url).toBe(`${world.stack.apiUrl}/webhooks/partnero/${programId}`);
    expect([...(webhooks[0]?.events ?? [])].sort()).toEqual([...partneroSyncedEvents].sort());
    const stored = await world.programs.getRegistration(programId);
    expect(stored?.partneroWebhookKey).toBe(webhooks[0]?.key);
    expect(JSON.stringify(stored)).not.toContain(apiKey);
    expect(JSON.stringify(stored)).not.toContain(webhooks[0]?.signature);
    await expect(
      world.cipher.decrypt(stored?.partneroApiKeyCiphertext as string, {
        programId,
        purpose: tokenPurposes.partneroApiKey,
      }),
    ).resolves.toBe(apiKey);
    await expect(
      world.cipher.decrypt(stored?.partneroWebhookSecretCiphertext as string, {
        programId,
        purpose: tokenPurposes.partneroWebhookSecret,
      }),
    ).resolves.toBe(webhooks[0]?.signature);
    expect(answer.text).not.toContain(apiKey);
    expect(answer.text).not.toContain(webhooks[0]?.signature as string);
  });

  it('is idempotent: registering again reuses the webhook and never creates a second one', async () => {
    // Prepare
    const { programId, apiKey } = await registeredProgram(world);
    const [first] = world.partnero.control.webhooks(programId);
    // Act
    const again = await admin(world, 'POST', '/admin/programs', {
      programId,
      displayName: 'Renamed',
      partneroApiKey: apiKey,
    });
    const third = await admin(world, 'POST', '/admin/programs', {
      programId,
      displayName: 'Renamed',
      partneroApiKey: apiKey,
    });
    // Assess
    expect(again.status).toBe(200);
    expect(third.status).toBe(200);
    const webhooks = world.partnero.control.webhooks(programId);
    expect(webhooks.map((webhook) => webhook.key)).toEqual([first?.key]);
    expect(again.json<{ displayName: string }>().displayName).toBe('Renamed');
  });

  it('refuses a key Partnero does not accept, and bodies that do not match, saying what is wrong', async () => {
    // Act
    const badKey = await admin(world, 'POST', '/admin/programs', {
      programId: 'nobody',
      displayName: 'X',
      partneroApiKey: 'pk_not_a_real_key',
    });
    const badBody = await admin(world, 'POST', '/admin/programs', {
      programId: 'has spaces',
      displayName: '',
      extra: true,
    });
    const notJson = await admin(world, 'POST', '/admin/programs', undefined);
    // Assess
    expect(badKey.status).toBe(400);
    expect(badKey.json<{ message: string }>().message).toMatch(/Partnero refused the API key/);
    expect(badBody.status).toBe(400);
    const details = badBody.json<{ details: string[] }>().details.join('\n');
    expect(details).toMatch(/programId/);
    expect(details).toMatch(/displayName/);
    expect(details).toMatch(/partneroApiKey/);
    expect(details).toMatch(/extra/);
    expect(notJson.status).toBe(400);
  });

  it('answers 401 without the admin credential and 403 with a wrong one, on every admin route', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const routes: [string, string][] = [
      ['POST', '/admin/programs'],
      ['GET', '/admin/programs'],
      ['GET', `/admin/programs/${programId}`],
      ['DELETE', `/admin/programs/${programId}`],
      ['POST', `/admin/programs/${programId}/settings-links`],
    ];
    for (const [method, path] of routes) {
      // Act
      const missing = await admin(world, method, path, {}, null);
      const wrong = await admin(world, method, path, {}, 'not-the-admin-token-at-all');
      // Assess
      expect([method, path, missing.status]).toEqual([method, path, 401]);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect([method, path, wrong.status]).toEqual([method, path, 403]);
    }
    expect((await world.programs.getRegistration(programId))?.programId).toBe(programId);
  });

  it('lists registered programs page by page in id order, without any secret, and forgets removed ones', async () => {
    // Prepare
    const registered = [
      await registeredProgram(world, 'list'),
      await registeredProgram(world, 'list'),
      await registeredProgram(world, 'list'),
    ];
    const removed = registered[1]?.programId as string;
    expect((await admin(world, 'DELETE', `/admin/programs/${removed}`)).status).toBe(200);
    // Act
    const pages: {
      programs: { programId: string; displayName: string; registeredAt: string }[];
      nextAfter: string | null;
    }[] = [];
    let after: string | null = null;
    do {
      const answer = await admin(world, 'GET', `/admin/programs?limit=2${after ? `&after=${after}` : ''}`);
      expect(answer.status).toBe(200);
      for (const { apiKey } of registered) expect(answer.text).not.toContain(apiKey);
      expect(answer.text).not.toMatch(/Ciphertext|signature|secret/i);
      const page = answer.json<(typeof pages)[number]>();
      pages.push(page);
      after = page.nextAfter;
    } while (after !== null && pages.length < 100);
    const badLimit = await admin(world, 'GET', '/admin/programs?limit=0');
    const badAfter = await admin(world, 'GET', '/admin/programs?after=has%20spaces');
    // Assess
    const listed = pages.flatMap((page) => page.programs.map((program) => program.programId));
    expect(pages.every((page) => page.programs.length <= 2)).toBe(true);
    expect(listed).toEqual([...listed].sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(expect.arrayContaining([registered[0]?.programId, registered[2]?.programId]));
    expect(listed).not.toContain(removed);
    expect(pages.at(-1)?.nextAfter).toBeNull();
    expect(
      pages.flatMap((page) => page.programs).find((program) => program.programId === registered[0]?.programId),
    ).toMatchObject({ displayName: expect.any(String), registeredAt: expect.any(String) });
    expect(badLimit.status).toBe(400);
    expect(badAfter.status).toBe(400);
  });

  it('describes a program without any secret', async () => {
    // Prepare
    const { programId, apiKey } = await registeredProgram(world);
    // Act
    const answer = await admin(world, 'GET', `/admin/programs/${programId}`);
    const unknown = await admin(world, 'GET', '/admin/programs/does-not-exist');
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({
      programId,
      attio: { connected: false },
      settings: { version: 0, updatedAt: null, syncStartedAt: null },
    });
    expect(answer.text).not.toContain(apiKey);
    expect(answer.text).not.toMatch(/Ciphertext|signature|secret/i);
    expect(unknown.status).toBe(404);
  });

  it('removes a program: its Partnero webhook, its Attio webhook and token, and its data', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    const session = await openSession(world, programId);
    expect((await connectAndSave(world, programId, session)).status).toBe(200);
    const connection = await world.programs.getAttioConnection(programId);
    const token = await world.cipher.decrypt(connection?.accessTokenCiphertext as string, {
      programId,
      purpose: tokenPurposes.attioAccessToken,
    });
    expect(
      world.attio.control.webhooks(world.workspaceId).some((webhook) => webhook.id === connection?.webhookId),
    ).toBe(true);
    // Act
    const removed = await admin(world, 'DELETE', `/admin/programs/${programId}`);
    // Assess
    expect(removed.status).toBe(200);
    expect(removed.json()).toMatchObject({ programId, attio: 'released', skipped: [] });
    expect(world.partnero.control.webhooks(programId)).toEqual([]);
    expect(
      world.attio.control.webhooks(world.workspaceId).some((webhook) => webhook.id === connection?.webhookId),
    ).toBe(false);
    const self = await fetch(`${world.attio.url}/v2/self`, { headers: { authorization: `Bearer ${token}` } });
    expect(self.status).toBe(401);
    expect(await world.programs.getRegistration(programId)).toBeUndefined();
    expect(await world.programs.getAttioConnection(programId)).toBeUndefined();
    expect((await admin(world, 'GET', `/admin/programs/${programId}`)).status).toBe(404);
  });

  it('mints settings links that open the page', async () => {
    // Prepare
    const { programId } = await registeredProgram(world);
    // Act
    const minted = await admin(world, 'POST', `/admin/programs/${programId}/settings-links`, { ttlSeconds: 120 });
    const unknown = await admin(world, 'POST', '/admin/programs/nope/settings-links', {});
    // Assess
    expect(minted.status).toBe(201);
    const link = minted.json<{ url: string; expiresAt: string }>();
    expect(link.url).toMatch(new RegExp(`^${world.stack.apiUrl}/settings/${programId}\\?token=v1\\.`));
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    expect(unknown.status).toBe(404);
  });
});
