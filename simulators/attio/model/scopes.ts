import { AttioApiError } from './attio-api-error';

/**
 * The scopes each simulated route needs, from the `security` of the same path in Attio's
 * OpenAPI document (`shared/reference/attio-openapi.yaml`; table in `attio-api.md` Appendix B).
 * Create-attribute lists none in `security`; its description names
 * `object_configuration:read-write`, the stricter reading, which is taken here.
 * `/v2/self` has `security: []`: any valid token may call it.
 */
const routeScopes: Readonly<Record<string, readonly string[]>> = {
  'GET /v2/self': [],
  'GET /v2/workspace_members': ['user_management:read'],
  'GET /v2/objects': ['object_configuration:read'],
  'POST /v2/objects': ['object_configuration:read-write'],
  'GET /v2/objects/{object}': ['object_configuration:read'],
  'GET /v2/objects/{object}/attributes': ['object_configuration:read'],
  'POST /v2/objects/{object}/attributes': ['object_configuration:read-write'],
  'GET /v2/objects/{object}/attributes/{attribute}': ['object_configuration:read'],
  'GET /v2/objects/{object}/attributes/{attribute}/statuses': ['object_configuration:read'],
  'GET /v2/objects/{object}/attributes/{attribute}/options': ['object_configuration:read'],
  'POST /v2/objects/{object}/attributes/{attribute}/options': ['object_configuration:read-write'],
  'POST /v2/objects/{object}/records/query': ['record_permission:read', 'object_configuration:read'],
  'POST /v2/objects/{object}/records': ['record_permission:read-write', 'object_configuration:read'],
  'PUT /v2/objects/{object}/records': ['record_permission:read-write', 'object_configuration:read'],
  'POST /v2/objects/{object}/records/merge': ['record_permission:read-write', 'object_configuration:read'],
  'GET /v2/objects/{object}/records/{record_id}': ['record_permission:read', 'object_configuration:read'],
  'PATCH /v2/objects/{object}/records/{record_id}': ['record_permission:read-write', 'object_configuration:read'],
  'PUT /v2/objects/{object}/records/{record_id}': ['record_permission:read-write', 'object_configuration:read'],
  'DELETE /v2/objects/{object}/records/{record_id}': ['record_permission:read-write', 'object_configuration:read'],
  'POST /v2/webhooks': ['webhook:read-write'],
  'GET /v2/webhooks': ['webhook:read'],
  'GET /v2/webhooks/{webhook_id}': ['webhook:read'],
  'PATCH /v2/webhooks/{webhook_id}': ['webhook:read-write'],
  'DELETE /v2/webhooks/{webhook_id}': ['webhook:read-write'],
};

/** Every scope an app can be given, each at read-write (which includes read). */
export const allScopes: readonly string[] = [
  'user_management:read-write',
  'record_permission:read-write',
  'object_configuration:read-write',
  'list_entry:read-write',
  'list_configuration:read-write',
  'public_collection:read-write',
  'private_collection:read-write',
  'comment:read-write',
  'task:read-write',
  'note:read-write',
  'meeting:read-write',
  'call_recording:read-write',
  'webhook:read-write',
  'file:read-write',
];

function covers(granted: readonly string[], needed: string): boolean {
  const [name, level] = needed.split(':');
  return granted.includes(needed) || (level === 'read' && granted.includes(`${name}:read-write`));
}

/** 403 when the token lacks a scope the route needs; a route not listed needs none here. */
export function requireScopes(routeKey: string, granted: readonly string[]): void {
  const missing = (routeScopes[routeKey] ?? []).filter((scope) => !covers(granted, scope));
  if (missing.length > 0)
    throw new AttioApiError(
      403,
      'unauthorized',
      `The access token is missing the required scopes: ${missing.join(', ')}.`,
    );
}
