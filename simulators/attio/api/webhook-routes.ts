import { AttioApiError } from '../model/attio-api-error';
import type { StoredWebhook } from '../webhooks/attio-webhooks';
import { ok, type RouteDefinition } from './attio-api';

/** The secret is shown once, when the webhook is created. */
function withoutSecret(webhook: StoredWebhook) {
  const { secret: _secret, ...visible } = webhook;
  return visible;
}

function data(body: Record<string, unknown>): Record<string, unknown> {
  if (!body.data || typeof body.data !== 'object')
    throw new AttioApiError(400, 'validation_type', 'The request body must have a data object.');
  return body.data as Record<string, unknown>;
}

export const webhookRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    template: '/v2/webhooks',
    handler: ({ token, body }, { webhooks }) => {
      const input = data(body);
      return ok({ data: { ...webhooks.create(token.workspaceId, input.target_url, input.subscriptions) } });
    },
  },
  {
    method: 'GET',
    template: '/v2/webhooks',
    handler: ({ token, request }, { webhooks }) => {
      const limit = Math.min(100, Math.max(10, Number(request.url.searchParams.get('limit') ?? 10)));
      const offset = Number(request.url.searchParams.get('offset') ?? 0);
      return ok({
        data: webhooks
          .list(token.workspaceId)
          .slice(offset, offset + limit)
          .map(withoutSecret),
      });
    },
  },
  {
    method: 'GET',
    template: '/v2/webhooks/{webhook_id}',
    handler: ({ token, params }, { webhooks }) =>
      ok({ data: withoutSecret(webhooks.get(token.workspaceId, params.webhook_id as string)) }),
  },
  {
    method: 'PATCH',
    template: '/v2/webhooks/{webhook_id}',
    handler: ({ token, params, body }, { webhooks }) =>
      ok({ data: withoutSecret(webhooks.update(token.workspaceId, params.webhook_id as string, data(body))) }),
  },
  {
    method: 'DELETE',
    template: '/v2/webhooks/{webhook_id}',
    handler: ({ token, params }, { webhooks }) => {
      webhooks.delete(token.workspaceId, params.webhook_id as string);
      return ok({});
    },
  },
];
