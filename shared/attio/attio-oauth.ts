import { ProviderHttpError, RetryableError } from '../errors';
import { fetchWithTimeout } from '../http/fetch-with-timeout';
import { attioSelfSchema, attioTokenResponseSchema, type AttioSelf } from './schemas';

/**
 * Attio's OAuth 2.0 authorization-code flow, on its app host (`https://app.attio.com`).
 * Attio tokens do not expire and have no refresh token; scopes are set on the app, not asked.
 */
export function buildAuthorizeUrl(input: {
  appUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const url = new URL('/authorize', input.appUrl);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  return url.toString();
}

export async function exchangeAuthorizationCode(input: {
  appUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri?: string;
}): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: input.clientId,
    client_secret: input.clientSecret,
    code: input.code,
  });
  if (input.redirectUri) form.set('redirect_uri', input.redirectUri);
  const response = await fetchWithTimeout({
    provider: 'attio',
    method: 'POST',
    url: new URL('/oauth/token', input.appUrl).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  });
  if (response.status >= 500)
    throw new RetryableError(`attio answered ${response.status} to the token exchange`, { provider: 'attio' });
  if (response.status !== 200)
    throw new ProviderHttpError('attio', response.status, 'oauth_token', 'the authorization code was refused');
  const parsed = attioTokenResponseSchema.safeParse(safeJson(response.text));
  if (!parsed.success)
    throw new ProviderHttpError('attio', response.status, 'oauth_token', 'the token response has no access_token');
  return parsed.data.access_token;
}

/** Revokes a token; Attio answers 204. A token already unknown is treated as revoked. */
export async function revokeToken(input: {
  appUrl: string;
  clientId?: string;
  clientSecret?: string;
  accessToken: string;
}): Promise<void> {
  const form = new URLSearchParams({ token: input.accessToken });
  if (input.clientId) form.set('client_id', input.clientId);
  if (input.clientSecret) form.set('client_secret', input.clientSecret);
  const response = await fetchWithTimeout({
    provider: 'attio',
    method: 'POST',
    url: new URL('/oauth/revoke', input.appUrl).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (response.status >= 500)
    throw new RetryableError(`attio answered ${response.status} to the token revocation`, { provider: 'attio' });
  if (response.status !== 204 && response.status !== 200 && response.status !== 400) {
    throw new ProviderHttpError('attio', response.status, 'oauth_revoke', 'the token could not be revoked');
  }
}

export async function introspectToken(input: { appUrl: string; accessToken: string }): Promise<AttioSelf> {
  const response = await fetchWithTimeout({
    provider: 'attio',
    method: 'POST',
    url: new URL('/oauth/introspect', input.appUrl).toString(),
    headers: { authorization: `Bearer ${input.accessToken}`, accept: 'application/json' },
  });
  if (response.status >= 500)
    throw new RetryableError(`attio answered ${response.status} to the token introspection`, { provider: 'attio' });
  const parsed = attioSelfSchema.safeParse(safeJson(response.text));
  if (response.status !== 200 || !parsed.success) return { active: false };
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
