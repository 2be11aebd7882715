import { buildAuthorizeUrl, createAttioClient, exchangeAuthorizationCode } from '../../../shared/attio';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/**
 * What a workspace admin and an app developer decide: whether Deals is on (off in a new
 * workspace, docs "Deals" standard object page) and which scopes the app's tokens carry (none
 * until configured; each route checks the scopes of its OpenAPI `security`).
 */
describe('Deals enabled or not, in the Attio simulator', () => {
  let harness: AttioHarness;
  afterEach(() => harness.stop());

  it('starts a workspace with Deals off by default: not listed, and 404 by slug, attributes or records', async () => {
    // Prepare
    harness = await startAttioHarness({ dealsEnabled: undefined });
    // Act
    const objects = (await harness.attio.objects.list()).map((object) => object.api_slug);
    const bySlug = await harness.raw('GET', '/v2/objects/deals');
    const attributes = await harness.raw('GET', '/v2/objects/deals/attributes');
    const query = await harness.raw('POST', '/v2/objects/deals/records/query', { body: {} });
    // Assess
    expect(objects).toEqual(expect.arrayContaining(['people', 'companies']));
    expect(objects).not.toContain('deals');
    expect([bySlug.status, attributes.status, query.status]).toEqual([404, 404, 404]);
    expect(await bySlug.json()).toMatchObject({ status_code: 404, type: 'invalid_request_error', code: 'not_found' });
  });

  it('lists Deals once an admin enables them, and hides them again when turned off', async () => {
    // Prepare
    harness = await startAttioHarness({ dealsEnabled: undefined });
    // Act
    harness.simulator.control.setObjectEnabled('deals', true);
    const enabled = (await harness.attio.objects.list()).map((object) => object.api_slug);
    const stages = await harness.attio.attributes.statuses('deals', 'stage');
    harness.simulator.control.setObjectEnabled('deals', false);
    const disabled = (await harness.attio.objects.list()).map((object) => object.api_slug);
    // Assess
    expect(enabled).toContain('deals');
    expect(stages.map((status) => status.title)).toContain('Won 🎉');
    expect(disabled).not.toContain('deals');
  });

  it('starts with Deals on when the simulator is told so', async () => {
    harness = await startAttioHarness({ dealsEnabled: true });
    expect((await harness.attio.objects.list()).map((object) => object.api_slug)).toContain('deals');
  });
});

describe('token scopes, in the Attio simulator', () => {
  let harness: AttioHarness;
  const redirectUri = 'https://sync.example.com/oauth/attio/callback';
  beforeEach(async () => {
    harness = await startAttioHarness();
  });
  afterEach(() => harness.stop());

  const oauthToken = async (clientId: string) => {
    const authorize = await fetch(
      buildAuthorizeUrl({ appUrl: harness.simulator.url, clientId, redirectUri, state: 's' }),
      { redirect: 'manual' },
    );
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
    return exchangeAuthorizationCode({
      appUrl: harness.simulator.url,
      clientId,
      clientSecret: 'secret',
      code,
      redirectUri,
    });
  };

  it('gives an app with no scopes configured a token that may only identify itself', async () => {
    // Prepare
    harness.simulator.control.registerOAuthClient({
      clientId: 'bare',
      clientSecret: 'secret',
      redirectUris: [redirectUri],
    });
    const attio = createAttioClient({ apiUrl: harness.simulator.url, accessToken: await oauthToken('bare') });
    // Act
    const self = await attio.self();
    // Assess
    expect(self).toMatchObject({ active: true, scope: '' });
    await expect(attio.objects.list()).rejects.toMatchObject({ status: 403 });
  });

  it("reports the app's scopes in /v2/self and refuses a route needing one it lacks with 403", async () => {
    // Prepare
    harness.simulator.control.registerOAuthClient({
      clientId: 'app',
      clientSecret: 'secret',
      redirectUris: [redirectUri],
      scopes: ['record_permission:read-write', 'object_configuration:read'],
    });
    const token = await oauthToken('app');
    const attio = createAttioClient({ apiUrl: harness.simulator.url, accessToken: token });
    // Act
    const self = await attio.self();
    const webhooks = await harness.raw('GET', '/v2/webhooks', { token });
    const createAttribute = await harness.raw('POST', '/v2/objects/people/attributes', {
      token,
      body: {
        data: {
          title: 'x',
          api_slug: 'x',
          type: 'text',
          is_required: false,
          is_unique: false,
          is_multiselect: false,
          config: {},
          description: null,
        },
      },
    });
    // Assess
    expect(self).toMatchObject({ scope: 'record_permission:read-write object_configuration:read' });
    expect((await attio.objects.list()).length).toBeGreaterThan(0);
    expect(await attio.records.query('people')).toEqual([]);
    expect(webhooks.status).toBe(403);
    expect(await webhooks.json()).toMatchObject({ status_code: 403, type: 'auth_error', code: 'unauthorized' });
    expect(createAttribute.status).toBe(403);
  });
});
