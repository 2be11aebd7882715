import type { IncomingRequest, Reply } from '../../partnero/server/json-http-server';
import { RouteTable } from '../../partnero/server/route-table';
import { AttioApiError } from '../model/attio-api-error';
import type { AttioControl } from './attio-control';

export const controlBasePath = '/__sim';

type ControlHandler = (
  params: Record<string, string>,
  body: Record<string, unknown>,
  request: IncomingRequest,
) => unknown;

/** The control surface over HTTP, for `npm start` users and out-of-process benchmarks. */
export function createControlHandler(control: AttioControl): (request: IncomingRequest) => Promise<Reply> {
  const table = new RouteTable<ControlHandler>();
  const ws = (params: Record<string, string>) => (params.workspace === 'default' ? undefined : params.workspace);
  table.add('GET', '/__sim', () => ({ defaultWorkspaceId: control.defaultWorkspaceId }));
  table.add('POST', '/__sim/reset', async () => control.reset());
  table.add('POST', '/__sim/workspaces', (_params, body) => control.createWorkspace(body as never));
  table.add('POST', '/__sim/workspaces/{workspace}/tokens', (params, body) =>
    control.issueToken(ws(params), { scopes: body.scopes as string[] | undefined }),
  );
  table.add('PUT', '/__sim/workspaces/{workspace}/objects/{object}/enabled', (params, body) =>
    control.setObjectEnabled(params.object as string, body.enabled === true, ws(params)),
  );
  table.add('PUT', '/__sim/token-actor-type', (_params, body) =>
    control.setTokenActorType(body.type === 'app' ? 'app' : 'api-token'),
  );
  table.add('POST', '/__sim/oauth-clients', (_params, body) => control.registerOAuthClient(body as never));
  table.add('GET', '/__sim/workspaces/{workspace}/members', (params) => control.members(ws(params)));
  table.add('GET', '/__sim/workspaces/{workspace}/webhooks', (params) => control.webhooks(ws(params)));
  table.add('GET', '/__sim/workspaces/{workspace}/objects/{object}/records', (params) =>
    control.records(params.object as string, ws(params)),
  );
  table.add('POST', '/__sim/workspaces/{workspace}/objects/{object}/records', (params, body) =>
    control.createRecordAsMember(params.object as string, (body.values ?? {}) as Record<string, unknown>, {
      workspaceId: ws(params),
      memberId: body.memberId as string | undefined,
    }),
  );
  table.add('PATCH', '/__sim/workspaces/{workspace}/objects/{object}/records/{record}', (params, body) =>
    control.updateRecordAsMember(
      params.object as string,
      params.record as string,
      (body.values ?? {}) as Record<string, unknown>,
      { workspaceId: ws(params), memberId: body.memberId as string | undefined },
    ),
  );
  table.add('DELETE', '/__sim/workspaces/{workspace}/objects/{object}/records/{record}', (params) =>
    control.deleteRecordAsMember(params.object as string, params.record as string, { workspaceId: ws(params) }),
  );
  table.add('PUT', '/__sim/workspaces/{workspace}/objects/{object}/attributes/{attribute}/required', (params, body) =>
    control.setAttributeRequired(
      params.object as string,
      params.attribute as string,
      body.required === true,
      ws(params),
    ),
  );
  table.add('POST', '/__sim/faults', (_params, body) => control.injectFault(body as never));
  table.add('DELETE', '/__sim/faults', () => control.clearFaults());
  table.add('GET', '/__sim/requests', () => control.requestCounts());
  table.add('DELETE', '/__sim/requests', () => control.resetRequestCounts());
  table.add('PUT', '/__sim/rate-limits', (_params, body) => control.setRateLimits(body as never));
  table.add('POST', '/__sim/deliveries/flush', async () => control.flushDeliveries());
  table.add('GET', '/__sim/deliveries', () => control.deliveries());

  return async (request) => {
    const match = table.match(request.method, request.url.pathname);
    if (match.kind !== 'found') return { kind: 'json', status: 404, body: { message: 'No such control route' } };
    try {
      const body = request.rawBody ? (JSON.parse(request.rawBody) as Record<string, unknown>) : {};
      const result = await match.route.value(match.params, body, request);
      return { kind: 'json', status: 200, body: result ?? { ok: true } };
    } catch (error) {
      if (error instanceof AttioApiError) return { kind: 'json', status: error.status, body: error.body() };
      return { kind: 'json', status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
