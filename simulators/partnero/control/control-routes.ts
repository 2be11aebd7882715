import { isJsonObject, type JsonObject } from '../model/field-errors';
import { PartneroApiError } from '../model/partnero-api-error';
import type { PartnerStatus } from '../model/records';
import type { FaultKind } from '../server/fault-injector';
import type { IncomingRequest, Reply } from '../server/json-http-server';
import { RouteTable } from '../server/route-table';
import type { PartneroControl } from './partnero-control';

export const controlBasePath = '/__sim';

type ControlHandler = (params: Record<string, string>, body: JsonObject, query: URLSearchParams) => unknown;

/**
 * The control surface over HTTP, for `npm start` and benches running in another process. Every
 * route answers `{data}`; no authentication, the simulator only listens on loopback.
 */
export function createControlHandler(control: PartneroControl): (request: IncomingRequest) => Promise<Reply> {
  const routes = new RouteTable<ControlHandler>();
  const on = (method: string, path: string, handler: ControlHandler) =>
    routes.add(method, `${controlBasePath}${path}`, handler);

  on('POST', '/reset', () => control.reset());
  on('GET', '/programs', () => control.programs());
  on('POST', '/programs', (_, body) => control.createProgram(body));
  on('PUT', '/programs/{programId}/commission', ({ programId }, body) =>
    control.setCommissionPercent(programId as string, Number(body.percent)),
  );
  on('PUT', '/rate-limit', (_, body) =>
    control.setRateLimit(
      typeof body.requests === 'number'
        ? { requests: body.requests, windowMs: Number(body.windowMs ?? 1_000) }
        : undefined,
    ),
  );

  on('GET', '/programs/{programId}/partners', ({ programId }) => control.partners.list(programId as string));
  on('POST', '/programs/{programId}/partners', ({ programId }, body) => {
    const { status, approved, ...fields } = body;
    return control.partners.create(programId as string, fields, {
      status: typeof status === 'string' ? (status as PartnerStatus) : undefined,
      approved: typeof approved === 'boolean' ? approved : undefined,
    });
  });
  on('GET', '/programs/{programId}/partners/{id}', ({ programId, id }) =>
    control.partners.get(programId as string, id as string),
  );
  on('PUT', '/programs/{programId}/partners/{id}', ({ programId, id }, body) =>
    control.partners.update(programId as string, id as string, body),
  );
  on('DELETE', '/programs/{programId}/partners/{id}', ({ programId, id }) =>
    control.partners.delete(programId as string, id as string),
  );
  on('POST', '/programs/{programId}/partners/{id}/approve', ({ programId, id }) =>
    control.partners.approve(programId as string, id as string),
  );
  on('POST', '/programs/{programId}/partners/{id}/reject', ({ programId, id }) =>
    control.partners.reject(programId as string, id as string),
  );
  on('POST', '/programs/{programId}/partners/{id}/archive', ({ programId, id }) =>
    control.partners.archive(programId as string, id as string),
  );
  on('GET', '/programs/{programId}/partners/{id}/commission', ({ programId, id }) =>
    control.commissionOf(programId as string, id as string),
  );

  on('GET', '/programs/{programId}/customers', ({ programId }) => control.customers.list(programId as string));
  on('POST', '/programs/{programId}/customers', ({ programId }, body) =>
    control.customers.create(programId as string, body),
  );
  on('PUT', '/programs/{programId}/customers/{key}', ({ programId, key }, body) =>
    control.customers.update(programId as string, key as string, body),
  );
  on('DELETE', '/programs/{programId}/customers/{key}', ({ programId, key }) =>
    control.customers.delete(programId as string, key as string),
  );
  on('POST', '/programs/{programId}/customers/{key}/archive', ({ programId, key }) =>
    control.customers.archive(programId as string, key as string),
  );

  on('GET', '/programs/{programId}/transactions', ({ programId }) => control.transactions.list(programId as string));
  on('POST', '/programs/{programId}/transactions', ({ programId }, body) =>
    control.transactions.create(programId as string, body),
  );
  on('DELETE', '/programs/{programId}/transactions/{key}', ({ programId, key }) =>
    control.transactions.delete(programId as string, key as string),
  );

  on('GET', '/programs/{programId}/webhooks', ({ programId }) => control.webhooks(programId as string));

  on('POST', '/faults', (_, body) =>
    control.injectFault({
      kind: String(body.kind) as FaultKind,
      count: typeof body.count === 'number' ? body.count : undefined,
      route: typeof body.route === 'string' ? body.route : undefined,
      retryAfterSeconds: typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined,
    }),
  );
  on('DELETE', '/faults', () => control.clearFaults());
  on('GET', '/requests', () => control.requestCounts());
  on('DELETE', '/requests', () => control.resetRequestCounts());
  on('POST', '/deliveries/flush', () => control.flushDeliveries());
  on('GET', '/deliveries', (_, __, query) =>
    control.deliveries({ programId: query.get('programId') ?? undefined, event: query.get('event') ?? undefined }),
  );
  on('PUT', '/deliveries/options', (_, body) =>
    control.configureDeliveries({
      retryDelaysMs: Array.isArray(body.retryDelaysMs) ? body.retryDelaysMs.map(Number) : undefined,
      timeoutMs: typeof body.timeoutMs === 'number' ? body.timeoutMs : undefined,
      payloads: body.payloads === 'full' || body.payloads === 'documented' ? body.payloads : undefined,
    }),
  );

  return async (request) => {
    const match = routes.match(request.method, request.url.pathname);
    if (match.kind !== 'found')
      return {
        kind: 'json',
        status: match.kind === 'not-found' ? 404 : 405,
        body: { message: 'No such control route' },
      };
    let body: JsonObject = {};
    try {
      const parsed: unknown = request.rawBody.trim() === '' ? {} : JSON.parse(request.rawBody);
      body = isJsonObject(parsed) ? parsed : {};
      const data = await match.route.value(match.params, body, request.url.searchParams);
      return { kind: 'json', status: 200, body: { data: data ?? null } };
    } catch (error) {
      if (error instanceof PartneroApiError) return { kind: 'json', status: error.status, body: error.body };
      return { kind: 'json', status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
