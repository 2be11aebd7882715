import { isJsonObject, type JsonObject } from '../model/field-errors';
import { PartneroApiError } from '../model/partnero-api-error';
import type { PartneroWorld } from '../model/partnero-world';
import type { RateLimiter } from '../rate-limiter';
import type { FaultInjector } from '../server/fault-injector';
import type { IncomingRequest, Reply } from '../server/json-http-server';
import type { RequestCounter } from '../server/request-counter';
import { RouteTable } from '../server/route-table';
import type { ApiHandler, ApiRoute } from './api-request';
import { customerRoutes } from './customer-routes';
import { partnerRoutes } from './partner-routes';
import { transactionRoutes } from './transaction-routes';
import { webhookRoutes } from './webhook-routes';

export const apiBasePath = '/v1';

export interface ApiDependencies {
  readonly world: PartneroWorld;
  readonly faults: FaultInjector;
  readonly counter: RequestCounter;
  readonly rateLimiter: RateLimiter;
}

/**
 * The `/v1` API: count, inject faults, authenticate, throttle, then route. Faults come before
 * authentication so a test can break any call, and a throttled request never reaches a handler
 * (so a 429 provably wrote nothing).
 */
export function createApiHandler(dependencies: ApiDependencies): (request: IncomingRequest) => Promise<Reply> {
  const routes = new RouteTable<ApiHandler>();
  for (const route of [
    ...partnerRoutes,
    ...customerRoutes,
    ...transactionRoutes,
    ...webhookRoutes,
  ] satisfies ApiRoute[]) {
    routes.add(route.method, `${apiBasePath}${route.path}`, route.handler);
  }

  return async (request) => {
    const match = routes.match(request.method, request.url.pathname);
    const template =
      match.kind === 'found'
        ? match.route.template
        : match.kind === 'method-not-allowed'
          ? match.template
          : request.url.pathname;
    dependencies.counter.record(template, request.method);

    const fault = dependencies.faults.take(`${request.method} ${template}`);
    if (fault?.kind === 'timeout') return { kind: 'hang' };
    if (fault?.kind === 'drop') return { kind: 'drop' };
    if (fault?.kind === '500') return json(500, { message: 'Server Error' });
    if (fault?.kind === '429') {
      return json(
        429,
        { message: 'Too Many Attempts.' },
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) },
      );
    }

    const apiKey = bearerToken(request.headers.authorization);
    const data = apiKey === undefined ? undefined : dependencies.world.programForKey(apiKey);
    if (apiKey === undefined || data === undefined) return json(401, { message: 'Unauthenticated.' });

    const decision = dependencies.rateLimiter.take(apiKey);
    if (!decision.allowed)
      return json(429, { message: 'Too Many Attempts.' }, { 'retry-after': String(decision.retryAfterSeconds) });

    if (match.kind === 'not-found') return json(404, { message: 'Not found' });
    if (match.kind === 'method-not-allowed')
      return json(405, {
        message: `The ${request.method} method is not supported for route ${request.url.pathname.slice(1)}.`,
      });

    let body: JsonObject = {};
    if (request.rawBody.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(request.rawBody);
      } catch {
        return json(400, { message: 'The request body is not valid JSON.' });
      }
      if (!isJsonObject(parsed))
        return json(422, {
          message: 'The request body must be a JSON object.',
          errors: { body: ['The request body must be a JSON object.'] },
        });
      body = parsed;
    }

    try {
      const answer = match.route.value({
        data,
        params: match.params,
        query: request.url.searchParams,
        body,
        url: request.url,
      });
      return json(answer.status, answer.body);
    } catch (error) {
      if (error instanceof PartneroApiError) return json(error.status, error.body);
      throw error;
    }
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { kind: 'json', status, body, headers };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
