import type { IncomingRequest, Reply } from '../../partnero/server/json-http-server';
import type { FaultInjector } from '../../partnero/server/fault-injector';
import type { RequestCounter } from '../../partnero/server/request-counter';
import { RouteTable } from '../../partnero/server/route-table';
import { AttioApiError } from '../model/attio-api-error';
import type { AccessToken, AttioWorld } from '../model/attio-world';
import { RateLimitedApiError, type AttioRateLimiter } from '../model/rate-limiter';
import { requireScopes } from '../model/scopes';
import type { AttioWebhooks } from '../webhooks/attio-webhooks';
import { objectRoutes } from './object-routes';
import { oauthRoutes } from './oauth-routes';
import { recordRoutes } from './record-routes';
import { webhookRoutes } from './webhook-routes';

export interface ApiContext {
  readonly world: AttioWorld;
  readonly webhooks: AttioWebhooks;
}

export interface RouteCall {
  readonly request: IncomingRequest;
  readonly params: Record<string, string>;
  readonly body: Record<string, unknown>;
  /** Present on `/v2` routes: the calling token. */
  readonly token: AccessToken;
}

export type RouteHandler = (call: RouteCall, context: ApiContext) => Reply | Promise<Reply>;

export interface RouteDefinition {
  readonly method: string;
  readonly template: string;
  readonly handler: RouteHandler;
  /** OAuth routes live on the app host and take no bearer token. */
  readonly public?: boolean;
  /** List-records is a POST but counts as a read, as in Attio. */
  readonly read?: boolean;
}

export function ok(body: unknown, status = 200): Reply {
  return { kind: 'json', status, body };
}

/** The API host (`/v2`) and the OAuth app host, with auth, faults, rate limits and counts in front. */
export function createAttioApi(
  context: ApiContext,
  guards: { faults: FaultInjector; counter: RequestCounter; rateLimiter: AttioRateLimiter },
): (request: IncomingRequest) => Promise<Reply> {
  const table = new RouteTable<RouteDefinition>();
  for (const route of [...oauthRoutes, ...objectRoutes, ...recordRoutes, ...webhookRoutes])
    table.add(route.method, route.template, route);

  return async (request) => {
    const match = table.match(request.method, request.url.pathname);
    if (match.kind !== 'found') {
      return error(
        new AttioApiError(
          match.kind === 'not-found' ? 404 : 405,
          match.kind === 'not-found' ? 'not_found' : 'method_not_allowed',
          'Route not found.',
        ),
      );
    }
    const route = match.route.value;
    const routeKey = `${route.method} ${route.template}`;
    guards.counter.record(routeKey, route.read || route.method === 'GET' ? 'GET' : route.method);

    const fault = guards.faults.take(routeKey);
    if (fault?.kind === 'timeout') return { kind: 'hang' };
    if (fault?.kind === 'drop') return { kind: 'drop' };
    if (fault?.kind === '500')
      return error(new AttioApiError(500, 'internal_server_error', 'An unexpected error occurred.', 'api_error'));
    if (fault?.kind === '429')
      return error(
        new RateLimitedApiError(
          new Date(Math.floor(Date.now() / 1000) * 1000 + (fault.retryAfterSeconds ?? 1) * 1000).toUTCString(),
        ),
      );

    try {
      const body = parseBody(request);
      const token = route.public
        ? (undefined as unknown as AccessToken)
        : context.world.authenticate(request.headers.authorization);
      if (!route.public)
        guards.rateLimiter.take(token.workspaceId, route.read || route.method === 'GET' ? 'read' : 'write');
      if (!route.public) requireScopes(routeKey, token.scopes);
      return await route.handler({ request, params: match.params, body, token }, context);
    } catch (caught) {
      if (caught instanceof AttioApiError) return error(caught);
      throw caught;
    }
  };
}

function parseBody(request: IncomingRequest): Record<string, unknown> {
  if (request.rawBody === '') return {};
  const type = String(request.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(request.rawBody));
  try {
    const parsed: unknown = JSON.parse(request.rawBody);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new AttioApiError(400, 'validation_type', 'The request body is not valid JSON.');
  }
}

function error(caught: AttioApiError): Reply {
  const headers = caught instanceof RateLimitedApiError ? { 'retry-after': caught.retryAfter } : undefined;
  return { kind: 'json', status: caught.status, body: caught.body(), headers };
}
