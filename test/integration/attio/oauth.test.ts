import {
  buildAuthorizeUrl,
  createAttioClient,
  exchangeAuthorizationCode,
  introspectToken,
  revokeToken,
} from '../../../shared/attio';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/** Attio's OAuth 2.0 on the app host (attio-api.md §1): authorize, token, introspect, revoke, self. */
describe('OAuth in the Attio simulator', () => {
  let harness: AttioHarness;
  const redirectUri = 'https://sync.example.com/oauth/attio/callback';

  beforeEach(async () => {
    harness = await startAttioHarness();
    harness.simulator.control.registerOAuthClient({
      clientId: 'app',
      clientSecret: 'secret',
      redirectUris: [redirectUri],
      scopes: ['record_permission:read-write', 'object_configuration:read'],
    });
  });
  afterEach(() => harness.stop());

  const authorize = (query: Record<string, string>) =>
    fetch(`${harness.simulator.url}/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });
  const codeFor = async () =>
    new URL(
      (await authorize({ client_id: 'app', response_type: 'code', redirect_uri: redirectUri, state: 's' })).headers.get(
        'location',
      ) ?? '',
    ).searchParams.get('code') ?? '';
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

  it('refuses an unknown client, an unregistered redirect URI and a response_type other than code, without redirecting', async () => {
    const answers = await Promise.all([
      authorize({ client_id: 'other', response_type: 'code', redirect_uri: redirectUri }),
      authorize({ client_id: 'app', response_type: 'code', redirect_uri: `${redirectUri}/x` }),
      authorize({ client_id: 'app', response_type: 'token', redirect_uri: redirectUri }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(answers.map((answer) => answer.headers.get('location'))).toEqual([null, null, null]);
  });

  it('redirects with code and state, and exchanges the form-encoded code once for {access_token, token_type: Bearer}', async () => {
    // Act
    const redirect = await authorize({
      client_id: 'app',
      response_type: 'code',
      redirect_uri: redirectUri,
      state: 'csrf-1',
    });
    const location = new URL(redirect.headers.get('location') ?? '');
    const code = location.searchParams.get('code') ?? '';
    const exchange = await fetch(
      `${harness.simulator.url}/oauth/token`,
      form({ grant_type: 'authorization_code', client_id: 'app', client_secret: 'secret', code }),
    );
    const replay = await fetch(
      `${harness.simulator.url}/oauth/token`,
      form({ grant_type: 'authorization_code', client_id: 'app', client_secret: 'secret', code }),
    );

    // Assess
    expect(redirect.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('csrf-1');
    expect(exchange.status).toBe(200);
    const body = (await exchange.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'token_type']);
    expect(body.token_type).toBe('Bearer');
    expect(replay.status).toBe(400);
  });

  it('refuses a wrong client secret and a grant type other than authorization_code', async () => {
    const code = await codeFor();
    await expect(
      exchangeAuthorizationCode({ appUrl: harness.simulator.url, clientId: 'app', clientSecret: 'wrong', code }),
    ).rejects.toMatchObject({ status: 401 });
    const refresh = await fetch(
      `${harness.simulator.url}/oauth/token`,
      form({ grant_type: 'refresh_token', client_id: 'app', client_secret: 'secret', code }),
    );
    expect(refresh.status).toBe(400);
    // The code was not spent by the refused attempts.
    await expect(
      exchangeAuthorizationCode({ appUrl: harness.simulator.url, clientId: 'app', clientSecret: 'secret', code }),
    ).resolves.toEqual(expect.any(String));
  });

  it('introspects a token like /v2/self, and answers {active: false} once it is revoked', async () => {
    // Prepare
    const token = await exchangeAuthorizationCode({
      appUrl: harness.simulator.url,
      clientId: 'app',
      clientSecret: 'secret',
      code: await codeFor(),
    });

    // Act
    const introspected = await introspectToken({ appUrl: harness.simulator.url, accessToken: token });
    const self = await createAttioClient({ apiUrl: harness.simulator.url, accessToken: token }).self();
    await revokeToken({ appUrl: harness.simulator.url, accessToken: token });
    const afterRevoke = await introspectToken({ appUrl: harness.simulator.url, accessToken: token });

    // Assess
    expect(introspected).toEqual(self);
    const [member] = harness.simulator.control.members();
    expect(self).toMatchObject({
      active: true,
      token_type: 'Bearer',
      client_id: 'app',
      aud: 'app',
      iss: 'attio.com',
      exp: null,
      workspace_id: harness.simulator.control.defaultWorkspaceId,
      sub: harness.simulator.control.defaultWorkspaceId,
      authorized_by_workspace_member_id: member?.id.workspace_member_id,
    });
    expect(String((self as { scope: string }).scope).split(' ')).toContain('record_permission:read-write');
    expect(afterRevoke).toEqual({ active: false });
  });

  it('revokes with the token in the header or the form: 204, and 400 when none is given or the two differ', async () => {
    const [first, second] = [
      harness.simulator.control.issueToken().token,
      harness.simulator.control.issueToken().token,
    ];
    const revoke = (fields: Record<string, string>, headers?: Record<string, string>) =>
      fetch(`${harness.simulator.url}/oauth/revoke`, form(fields, headers));
    expect((await revoke({}, { authorization: `Bearer ${first}` })).status).toBe(204);
    expect((await revoke({})).status).toBe(400);
    expect((await revoke({ token: second }, { authorization: `Bearer ${harness.token}` })).status).toBe(400);
    expect((await revoke({ token: second })).status).toBe(204);
    expect((await harness.raw('GET', '/v2/self', { token: first })).status).toBe(401);
    expect((await harness.raw('GET', '/v2/self', { token: second })).status).toBe(401);
    expect((await harness.raw('GET', '/v2/self')).status).toBe(200);
  });

  it('accepts the token as HTTP Basic user name, as Attio does', async () => {
    const basic = Buffer.from(`${harness.token}:`).toString('base64');
    const response = await harness.raw('GET', '/v2/self', {
      token: null,
      headers: { authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(200);
  });

  it('builds the authorize URL the service sends browsers to, with no scope parameter', () => {
    const url = new URL(
      buildAuthorizeUrl({ appUrl: 'https://app.attio.com', clientId: 'app', redirectUri, state: 's' }),
    );
    expect(url.pathname).toBe('/authorize');
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'redirect_uri', 'response_type', 'state']);
  });
});
