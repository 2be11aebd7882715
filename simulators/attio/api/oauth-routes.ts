import { AttioApiError } from '../model/attio-api-error';
import { ok, type RouteDefinition } from './attio-api';

/** Attio's OAuth 2.0 on the app host: authorize (auto-approved here), token, introspect, revoke. */
export const oauthRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/authorize',
    public: true,
    handler: ({ request }, { world }) => {
      const query = request.url.searchParams;
      const client = world.client(query.get('client_id') ?? '');
      const redirectUri = query.get('redirect_uri') ?? '';
      // Never redirect to an address the app did not register: that is how codes get stolen.
      if (!client) throw new AttioApiError(400, 'invalid_client', 'Unknown client_id.');
      if (!client.redirectUris.includes(redirectUri))
        throw new AttioApiError(400, 'invalid_redirect_uri', 'redirect_uri is not registered for this app.');
      if (query.get('response_type') !== 'code')
        throw new AttioApiError(400, 'unsupported_response_type', 'response_type must be code.');
      const location = new URL(redirectUri);
      location.searchParams.set('code', world.issueCode(client, redirectUri));
      const state = query.get('state');
      if (state !== null) location.searchParams.set('state', state);
      return { kind: 'json', status: 302, headers: { location: location.toString() } };
    },
  },
  {
    method: 'POST',
    template: '/oauth/token',
    public: true,
    handler: ({ body }, { world }) => {
      if (body.grant_type !== 'authorization_code')
        throw new AttioApiError(400, 'unsupported_grant_type', 'grant_type must be authorization_code.');
      const token = world.redeemCode({
        clientId: str(body.client_id),
        clientSecret: str(body.client_secret),
        code: str(body.code),
      });
      return ok({ access_token: token.token, token_type: 'Bearer' });
    },
  },
  {
    method: 'POST',
    template: '/oauth/introspect',
    public: true,
    handler: ({ request }, { world }) => {
      const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const token = presented ? world.findToken(presented) : undefined;
      if (!token?.active) return ok({ active: false });
      return ok(selfBody(world, token));
    },
  },
  {
    method: 'POST',
    template: '/oauth/revoke',
    public: true,
    handler: ({ request, body }, { world }) => {
      const fromHeader = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const fromBody = str(body.token);
      if ((!fromHeader && !fromBody) || (fromHeader && fromBody && fromHeader !== fromBody)) {
        throw new AttioApiError(400, 'invalid_request', 'No token found, or the header and body tokens differ.');
      }
      const token = world.findToken((fromHeader ?? fromBody) as string);
      if (!token) throw new AttioApiError(400, 'invalid_request', 'No token found.');
      token.active = false;
      return { kind: 'json', status: 204 };
    },
  },
];

export function selfBody(
  world: import('../model/attio-world').AttioWorld,
  token: import('../model/attio-world').AccessToken,
): Record<string, unknown> {
  const workspace = world.workspace(token.workspaceId);
  return {
    active: true,
    // Space-separated, as the OpenAPI's `/v2/self` `scope` says: the app's configured scopes.
    scope: token.scopes.join(' '),
    client_id: token.clientId,
    token_type: 'Bearer',
    exp: null,
    iat: token.issuedAt,
    sub: workspace.id,
    aud: token.clientId,
    iss: 'attio.com',
    authorized_by_workspace_member_id: token.authorizedByMemberId,
    workspace_id: workspace.id,
    workspace_name: workspace.name,
    workspace_slug: workspace.slug,
    workspace_logo_url: null,
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
