import { randomBytes } from 'node:crypto';
import { seedDemoProgram } from '../../../local/demo-program';
import { startLocalStack, type LocalStack } from '../../../local/local-stack';
import type { ProgramSettings } from '../../../shared/programs/program-settings';
import { startAttioSimulator, type AttioSimulator } from '../../../simulators/attio';
import { startPartneroSimulator, type PartneroSimulator } from '../../../simulators/partnero';
import { localAwsEndpoints } from '../../support/local-aws-clients';
import { call, submitConnectForm } from './connect-world';

/**
 * `npm start`'s demo, against simulators at their strict defaults (Deals off, apps without
 * scopes): the demo seed sets its workspace up as an admin would, so the README's walk-through
 * works: open the link, Connect with Attio, Save, and a new Partnero partner reaches Attio.
 */
describe('the npm start demo program', () => {
  let attio: AttioSimulator;
  let partnero: PartneroSimulator;
  let stack: LocalStack;

  beforeAll(async () => {
    [attio, partnero] = await Promise.all([
      startAttioSimulator({ deliveries: { retryDelaysMs: [100, 200], timeoutMs: 2_000 } }),
      startPartneroSimulator({ deliveries: { retryDelaysMs: [100, 200], timeoutMs: 2_000 } }),
    ]);
    stack = await startLocalStack({
      ...localAwsEndpoints(),
      attioApiUrl: attio.url,
      attioAppUrl: attio.url,
      partneroApiUrl: partnero.url,
      environment: {
        LOCAL_TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        ATTIO_CLIENT_ID: 'local-attio-client',
        ATTIO_CLIENT_SECRET: randomBytes(24).toString('hex'),
        SETTINGS_LINK_SIGNING_KEY: randomBytes(32).toString('hex'),
        ADMIN_API_TOKEN: randomBytes(24).toString('hex'),
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await Promise.all([attio?.stop(), partnero?.stop()]);
  });

  it('connects, saves with the won stage chosen, and syncs the next partner into the demo workspace', async () => {
    // Prepare
    const demo = await seedDemoProgram(stack, { attio, partnero });
    const opened = await call(demo.settingsLink);
    const cookies = opened.setCookies;
    const page = await call(`${stack.apiUrl}/settings/${demo.programId}`, { cookies });
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)?.[1] as string;
    // Act: Connect with Attio (auto-approved), as the browser submits the form and follows the redirects.
    const start = await submitConnectForm(stack.apiUrl, demo.programId, { cookies, csrf });
    const authorize = await call(start.headers.get('location') as string);
    const callback = await call(authorize.headers.get('location') as string, { cookies: start.setCookies });
    // Act: Save, with the won stage picked from Attio's list.
    const api = `${stack.apiUrl}/settings/${demo.programId}/api`;
    const headers = { 'x-csrf-token': csrf, origin: new URL(stack.apiUrl).origin };
    const stored = (await call(`${api}/settings`, { cookies })).json<{ settings: ProgramSettings; version: number }>();
    const stages = (await call(`${api}/attio/deal-stages`, { cookies })).json<{
      available: boolean;
      stages: { id: string; title: string }[];
    }>();
    stored.settings.deals.wonStageId = stages.stages.find((stage) => stage.title.startsWith('Won'))?.id ?? null;
    const saved = await call(`${api}/settings`, {
      method: 'PUT',
      cookies,
      headers,
      body: { version: stored.version, settings: stored.settings },
    });
    // Act: a partner joins in Partnero.
    partnero.control.partners.create(demo.programId, {
      email: 'demo-partner@example.com',
      name: 'Demo',
      surname: 'Partner',
    });
    await partnero.control.flushDeliveries();
    await stack.waitUntilIdle(30_000);
    // Assess
    expect(callback.headers.get('location')).toMatch(/\?connected=1$/);
    expect(stages.available).toBe(true);
    expect(saved.status).toBe(200);
    expect(JSON.stringify(attio.control.records('people', demo.attioWorkspaceId))).toContain(
      'demo-partner@example.com',
    );
  });
});
