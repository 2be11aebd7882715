import { httpFunctions } from '../../../functions/catalog';
import { pageAssets } from '../../../functions/settings-page/page-assets';
import { SESSION_COOKIE, issueSession } from '../../../shared/settings/settings-session';
import { mintSettingsLinkToken, settingsLinkUrl } from '../../../shared/settings/settings-link';
import { signToken } from '../../../shared/http/signed-token';
import {
  admin,
  call,
  connectAttio,
  openSession,
  registeredProgram,
  settingsApi,
  startConnectWorld,
  submitConnectForm,
  type Answer,
  type ConnectWorld,
} from '../connect/connect-world';

/**
 * Who may open a program's settings: only a browser holding a fresh, genuine link (then its
 * session) for that very program, and only the page itself may write. Every route under
 * /settings/{programId} is taken from the function catalog, so a route added later is covered
 * without touching this file. (OAuth state misuse is covered in connect/attio-oauth.test.ts.)
 */
const settingsRoutes = httpFunctions
  .flatMap((definition) => definition.routes)
  .filter((route) => route.path.startsWith('/settings/{programId}'));

function routeUrl(apiUrl: string, path: string, programId: string): string {
  const concrete = path.replace('{programId}', programId).replace('{asset}', pageAssets.script.name);
  // Routes that need a query parameter get a valid one, so only the access check can refuse them.
  return `${apiUrl}${concrete}${concrete.endsWith('/api/attio/attributes') ? '?object=people' : ''}`;
}

describe('Settings access: links, sessions, programs and CSRF', () => {
  let world: ConnectWorld;
  let programA: string;
  let programB: string;
  let sessionA: { cookies: string[]; csrf: string };

  beforeAll(async () => {
    world = await startConnectWorld();
    [{ programId: programA }, { programId: programB }] = await Promise.all([
      registeredProgram(world, 'prog-a'),
      registeredProgram(world, 'prog-b'),
    ]);
    sessionA = await openSession(world, programA);
    await Promise.all([
      connectAttio(world, programA, sessionA),
      connectAttio(world, programB, await openSession(world, programB)),
    ]);
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** Every settings route of `programId`, as a browser with `cookies` would call it (writes with A's CSRF token). */
  async function everyRoute(
    programId: string,
    cookies: string[],
    options: { readsOnly?: boolean } = {},
  ): Promise<[string, number][]> {
    const origin = new URL(world.stack.apiUrl).origin;
    const answers: [string, number][] = [];
    for (const route of settingsRoutes.filter((candidate) => !options.readsOnly || candidate.method === 'GET')) {
      const write = route.method !== 'GET';
      const answer: Answer = await call(routeUrl(world.stack.apiUrl, route.path, programId), {
        method: route.method,
        cookies,
        body: write ? {} : undefined,
        headers: write ? { 'x-csrf-token': sessionA.csrf, origin } : {},
      });
      answers.push([`${route.method} ${route.path}`, answer.status]);
    }
    return answers;
  }

  const allAnswer = (status: number): [string, number][] =>
    settingsRoutes.map((route) => [`${route.method} ${route.path}`, status]);

  it('covers the page, its assets, the connect route and every settings API route', () => {
    const keys = settingsRoutes.map((route) => `${route.method} ${route.path}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /settings/{programId}',
        'GET /settings/{programId}/assets/{asset}',
        'POST /settings/{programId}/attio/connect',
        'PUT /settings/{programId}/api/settings',
        'GET /settings/{programId}/api/status',
      ]),
    );
    expect(keys.filter((key) => key.includes('/api/')).length).toBeGreaterThanOrEqual(8);
  });

  it('lets the program’s own session through on every read', async () => {
    // Act: writes with a valid token are tried below, where they are meant to succeed.
    const answers = await everyRoute(programA, sessionA.cookies, { readsOnly: true });
    // Assess: past the access check (what a read answers beyond that is its own business).
    expect(answers.length).toBeGreaterThanOrEqual(9);
    for (const [key, status] of answers)
      expect([key, status === 401 || status === 403 || status >= 500]).toEqual([key, false]);
    expect(Object.fromEntries(answers)).toMatchObject({
      'GET /settings/{programId}': 200,
      'GET /settings/{programId}/api/status': 200,
      'GET /settings/{programId}/api/history': 200,
    });
  });

  it('answers 401 on every settings route without a session', async () => {
    expect(await everyRoute(programA, [])).toEqual(allAnswer(401));
  });

  it('answers 403 on every route of program B to a session of program A, and changes nothing of B', async () => {
    // Prepare
    const before = await world.programs.getSettings(programB);
    // Act
    const answers = await everyRoute(programB, sessionA.cookies);
    // Assess
    expect(answers).toEqual(allAnswer(403));
    expect(await world.programs.getSettings(programB)).toEqual(before);
    expect(await world.programs.getAttioConnection(programB)).toBeDefined();
  });

  it('answers 401 on every route to a forged or tampered session cookie, and to an expired one', async () => {
    // Prepare
    const forged = issueSession(programA, 'not-the-signing-key-0123456789').token;
    const genuine = sessionA.cookies[0]?.split('=')[1] as string;
    const [version, , signature] = genuine.split('.');
    const otherBody = Buffer.from(
      JSON.stringify({ p: programB, n: 'x', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url');
    const tampered = `${version}.${otherBody}.${signature}`;
    const expired = issueSession(programA, world.secrets.signingKey, {
      now: new Date(Date.now() - 3_600_000),
      ttlSeconds: 60,
    }).token;
    // Act / Assess
    for (const token of [forged, tampered, expired]) {
      expect(await everyRoute(programA, [`${SESSION_COOKIE}=${token}`])).toEqual(allAnswer(401));
    }
  });

  describe('settings links', () => {
    const open = (programId: string, token: string) => call(settingsLinkUrl(world.stack.apiUrl, programId, token));

    it('refuses a link signed with another key (401), and opens no session', async () => {
      // Prepare
      const forged = mintSettingsLinkToken(programA, 'a-key-the-partnero-app-never-had').token;
      // Act
      const answer = await open(programA, forged);
      // Assess
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('This link is not valid');
      expect(answer.setCookies).toEqual([]);
    });

    it('refuses a link whose program was changed after signing (401)', async () => {
      // Prepare
      const [version, , signature] = mintSettingsLinkToken(programA, world.secrets.signingKey).token.split('.');
      const body = Buffer.from(JSON.stringify({ p: programB, exp: Math.floor(Date.now() / 1000) + 600 })).toString(
        'base64url',
      );
      // Act
      const answer = await open(programB, `${version}.${body}.${signature}`);
      // Assess
      expect(answer.status).toBe(401);
      expect(answer.setCookies).toEqual([]);
    });

    it('refuses a session token presented as a link: the signature covers the purpose (401)', async () => {
      // Prepare
      const session = signToken(
        'partnero-attio/settings-session',
        { p: programA, n: 'n', exp: Math.floor(Date.now() / 1000) + 600 },
        world.secrets.signingKey,
      );
      // Act / Assess
      expect((await open(programA, session)).status).toBe(401);
    });

    it('refuses an expired link (401) and says so', async () => {
      // Prepare
      const expired = mintSettingsLinkToken(programA, world.secrets.signingKey, {
        now: new Date(Date.now() - 20 * 60_000),
      }).token;
      // Act
      const answer = await open(programA, expired);
      // Assess
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('This link has expired');
      expect(answer.setCookies).toEqual([]);
    });

    it('refuses program A’s link on program B’s page (403)', async () => {
      // Prepare
      const linkA = mintSettingsLinkToken(programA, world.secrets.signingKey).token;
      // Act
      const answer = await open(programB, linkA);
      // Assess
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('Not allowed for this program');
      expect(answer.setCookies).toEqual([]);
    });

    it('opens a genuine link: a session cookie scoped to the program’s path, and the token dropped from the URL', async () => {
      // Act
      const answer = await open(programA, mintSettingsLinkToken(programA, world.secrets.signingKey).token);
      // Assess
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`/settings/${programA}`);
      expect(answer.headers.get('set-cookie')).toMatch(
        new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/settings/${programA}; Max-Age=\\d+; HttpOnly; SameSite=Lax`),
      );
    });
  });

  describe('CSRF on writes', () => {
    const validSettings = async () =>
      (await settingsApi(world, programA, sessionA).get('/settings')).json<{ version: number; settings: unknown }>();

    async function write(headers: Record<string, string>): Promise<[number, number]> {
      const { version, settings } = await validSettings();
      const base = `${world.stack.apiUrl}/settings/${programA}/api`;
      const put = await call(`${base}/settings`, {
        method: 'PUT',
        body: { version, settings },
        cookies: sessionA.cookies,
        headers,
      });
      const disconnect = await call(`${base}/attio/disconnect`, {
        method: 'POST',
        body: {},
        cookies: sessionA.cookies,
        headers,
      });
      return [put.status, disconnect.status];
    }

    it('refuses a write without a CSRF token, with a wrong one, with another session’s, or from another origin, and changes nothing', async () => {
      // Prepare
      const origin = new URL(world.stack.apiUrl).origin;
      const otherSession = await openSession(world, programA);
      const before = await world.programs.getSettings(programA);
      // Act
      const answers = {
        missing: await write({ origin }),
        wrong: await write({ origin, 'x-csrf-token': 'A'.repeat(43) }),
        otherSession: await write({ origin, 'x-csrf-token': otherSession.csrf }),
        crossOrigin: await write({ origin: 'https://evil.example', 'x-csrf-token': sessionA.csrf }),
        crossSite: await write({ 'sec-fetch-site': 'cross-site', 'x-csrf-token': sessionA.csrf }),
      };
      // Assess
      expect(answers).toEqual({
        missing: [403, 403],
        wrong: [403, 403],
        otherSession: [403, 403],
        crossOrigin: [403, 403],
        crossSite: [403, 403],
      });
      expect(await world.programs.getSettings(programA)).toEqual(before);
      expect(await world.programs.getAttioConnection(programA)).toBeDefined();
    });

    it('accepts the page’s own write with the session’s token', async () => {
      // Prepare
      const { version, settings } = await validSettings();
      const stages = (await settingsApi(world, programA, sessionA).get('/attio/deal-stages')).json<{
        stages: { id: string }[];
      }>().stages;
      const withWonStage = { ...(settings as Record<string, Record<string, unknown>>) };
      withWonStage.deals = { ...withWonStage.deals, wonStageId: stages[0]?.id };
      // Act
      const answer = await settingsApi(world, programA, sessionA).put('/settings', { version, settings: withWonStage });
      // Assess
      expect(answer.status).toBe(200);
      expect((await world.programs.getSettings(programA)).version).toBe(version + 1);
    });
  });

  describe('Connect and Reconnect', () => {
    it('answer only the page’s POST form with the session’s CSRF token; a plain GET or a forged form starts nothing', async () => {
      // Prepare
      const origin = new URL(world.stack.apiUrl).origin;
      const url = `${world.stack.apiUrl}/settings/${programA}/attio/connect`;
      const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
      const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
      // Act
      const answers = {
        plainGet: (await call(url, { cookies: sessionA.cookies })).status,
        noToken: (
          await call(url, {
            method: 'POST',
            cookies: sessionA.cookies,
            headers: { ...formHeaders, origin },
            body: form({}),
          })
        ).status,
        wrongToken: (
          await call(url, {
            method: 'POST',
            cookies: sessionA.cookies,
            headers: { ...formHeaders, origin },
            body: form({ csrf_token: 'A'.repeat(43) }),
          })
        ).status,
        otherSite: (
          await call(url, {
            method: 'POST',
            cookies: sessionA.cookies,
            headers: { ...formHeaders, origin: 'https://evil.example' },
            body: form({ csrf_token: sessionA.csrf }),
          })
        ).status,
        // What another site's page makes a browser send (its SameSite=Lax cookie goes along with a top-level GET).
        crossSiteGet: (
          await call(url, {
            cookies: sessionA.cookies,
            headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
          })
        ).status,
        crossSiteNoToken: (
          await call(url, {
            method: 'POST',
            cookies: sessionA.cookies,
            headers: { ...formHeaders, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
            body: form({}),
          })
        ).status,
        // A no-referrer page elsewhere posts with `Origin: null`, which passes only with Sec-Fetch-Site same-origin.
        opaqueCrossSite: (
          await call(url, {
            method: 'POST',
            cookies: sessionA.cookies,
            headers: { ...formHeaders, origin: 'null', 'sec-fetch-site': 'cross-site' },
            body: form({ csrf_token: sessionA.csrf }),
          })
        ).status,
        opaqueNoToken: (
          await call(url, {
            method: 'POST',
            cookies: sessionA.cookies,
            headers: { ...formHeaders, origin: 'null', 'sec-fetch-site': 'same-origin' },
            body: form({}),
          })
        ).status,
        pageForm: (await submitConnectForm(world.stack.apiUrl, programA, sessionA)).status,
      };
      // Assess
      expect(answers).toEqual({
        plainGet: 405,
        noToken: 403,
        wrongToken: 403,
        otherSite: 403,
        crossSiteGet: 405,
        crossSiteNoToken: 403,
        opaqueCrossSite: 403,
        opaqueNoToken: 403,
        pageForm: 303,
      });
    });

    it('are a POST form carrying the CSRF token on the page, not a link', async () => {
      // Act
      const page = await call(`${world.stack.apiUrl}/settings/${programA}`, { cookies: sessionA.cookies });
      // Assess
      expect(page.text).not.toMatch(/<a [^>]*href="[^"]*\/attio\/connect"/);
      expect(page.text).toContain(
        `<form class="connect-form" method="post" ` +
          `action="/settings/${programA}/attio/connect"><input type="hidden" name="csrf_token" ` +
          `value="${sessionA.csrf}">`,
      );
      expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${world.attio.url}`);
    });
  });

  describe('sessions that end', () => {
    it('a settings link opens one session only: used again it is refused (401) and sets no cookie', async () => {
      // Prepare
      const link = (await admin(world, 'POST', `/admin/programs/${programA}/settings-links`, {})).json<{
        url: string;
      }>();
      // Act
      const first = await call(link.url);
      const again = await call(link.url);
      // Assess
      expect(first.status).toBe(303);
      expect(again.status).toBe(401);
      expect(again.text).toContain('This link was already used');
      expect(again.setCookies).toEqual([]);
    });

    it('disconnecting Attio ends every session of the program, the one that clicked included', async () => {
      // Prepare
      const { programId } = await registeredProgram(world, 'prog-d');
      const clicking = await openSession(world, programId);
      const other = await openSession(world, programId);
      await connectAttio(world, programId, clicking);
      // Act
      const disconnect = await settingsApi(world, programId, clicking).post('/attio/disconnect');
      // Assess
      expect(disconnect.status).toBe(200);
      for (const session of [clicking, other]) {
        expect((await settingsApi(world, programId, session).get('/status')).status).toBe(401);
        const page = await call(`${world.stack.apiUrl}/settings/${programId}`, { cookies: session.cookies });
        expect([page.status, page.text.includes('Your session has ended')]).toEqual([401, true]);
      }
      expect((await settingsApi(world, programId, await openSession(world, programId)).get('/status')).status).toBe(
        200,
      );
    });

    it('removing the program ends its sessions', async () => {
      // Prepare
      const { programId } = await registeredProgram(world, 'prog-r');
      const session = await openSession(world, programId);
      expect((await settingsApi(world, programId, session).get('/status')).status).toBe(200);
      // Act
      const removed = await admin(world, 'DELETE', `/admin/programs/${programId}`);
      // Assess
      expect(removed.status).toBe(200);
      expect((await settingsApi(world, programId, session).get('/status')).status).toBe(401);
      expect((await call(`${world.stack.apiUrl}/settings/${programId}`, { cookies: session.cookies })).status).toBe(
        401,
      );
    });
  });
});
