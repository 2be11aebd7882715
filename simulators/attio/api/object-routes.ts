import { AttioApiError } from '../model/attio-api-error';
import type { StoredAttribute, StoredObject } from '../model/workspace';
import { ok, type RouteDefinition } from './attio-api';
import { selfBody } from './oauth-routes';

const presentObject = (object: StoredObject) => ({
  id: object.id,
  api_slug: object.api_slug,
  singular_noun: object.singular_noun,
  plural_noun: object.plural_noun,
  created_at: object.created_at,
});

function presentAttribute(attribute: StoredAttribute) {
  const { statuses: _statuses, options: _options, ...visible } = attribute;
  return visible;
}

function data(call: { body: Record<string, unknown> }): Record<string, unknown> {
  const value = call.body.data;
  if (!value || typeof value !== 'object')
    throw new AttioApiError(400, 'validation_type', 'The request body must have a data object.');
  return value as Record<string, unknown>;
}

/** Self, members, objects, attributes, statuses and select options. */
export const objectRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/v2/self', handler: ({ token }, { world }) => ok(selfBody(world, token)) },
  {
    method: 'GET',
    template: '/v2/workspace_members',
    handler: ({ token }, { world }) => ok({ data: world.workspace(token.workspaceId).members }),
  },
  {
    method: 'GET',
    template: '/v2/objects',
    handler: ({ token }, { world }) => ok({ data: world.workspace(token.workspaceId).objects.map(presentObject) }),
  },
  {
    method: 'POST',
    template: '/v2/objects',
    handler: (call, { world }) => {
      const input = data(call);
      if (
        typeof input.api_slug !== 'string' ||
        typeof input.singular_noun !== 'string' ||
        typeof input.plural_noun !== 'string'
      ) {
        throw new AttioApiError(400, 'validation_type', 'api_slug, singular_noun and plural_noun are required.');
      }
      return ok({
        data: presentObject(
          world.workspace(call.token.workspaceId).createObject(input.api_slug, input.singular_noun, input.plural_noun),
        ),
      });
    },
  },
  {
    method: 'GET',
    template: '/v2/objects/{object}',
    handler: ({ token, params }, { world }) =>
      ok({ data: presentObject(world.workspace(token.workspaceId).object(params.object as string)) }),
  },
  {
    method: 'GET',
    template: '/v2/objects/{object}/attributes',
    handler: ({ token, params }, { world }) =>
      ok({
        data: world
          .workspace(token.workspaceId)
          .object(params.object as string)
          .attributes.filter((attribute) => !attribute.is_archived)
          .map(presentAttribute),
      }),
  },
  {
    method: 'POST',
    template: '/v2/objects/{object}/attributes',
    handler: (call, { world }) => {
      const workspace = world.workspace(call.token.workspaceId);
      const object = workspace.object(call.params.object as string);
      const input = data(call);
      for (const field of ['title', 'api_slug', 'type', 'is_required', 'is_unique', 'is_multiselect', 'config']) {
        if (!(field in input)) throw new AttioApiError(400, 'validation_type', `Missing required field "${field}".`);
      }
      const types = [
        'text',
        'number',
        'checkbox',
        'currency',
        'date',
        'timestamp',
        'rating',
        'status',
        'select',
        'record-reference',
        'actor-reference',
        'location',
        'domain',
        'email-address',
        'phone-number',
      ];
      if (!types.includes(String(input.type)))
        throw new AttioApiError(400, 'validation_type', `Unknown attribute type "${String(input.type)}".`);
      const config = (input.config ?? {}) as {
        currency?: { default_currency_code: string; display_type: string };
        record_reference?: { allowed_objects: string[] };
      };
      const created = workspace.createAttribute(object, {
        api_slug: String(input.api_slug),
        title: String(input.title),
        description: typeof input.description === 'string' ? input.description : null,
        type: String(input.type),
        is_unique: input.is_unique === true,
        is_multiselect: input.is_multiselect === true,
        is_required: input.is_required === true,
        config: { currency: config.currency, record_reference: config.record_reference },
      });
      return ok({ data: presentAttribute(created) });
    },
  },
  {
    method: 'GET',
    template: '/v2/objects/{object}/attributes/{attribute}',
    handler: ({ token, params }, { world }) => {
      const workspace = world.workspace(token.workspaceId);
      return ok({
        data: presentAttribute(
          workspace.attribute(workspace.object(params.object as string), params.attribute as string),
        ),
      });
    },
  },
  {
    method: 'GET',
    template: '/v2/objects/{object}/attributes/{attribute}/statuses',
    handler: ({ token, params, request }, { world }) => {
      const workspace = world.workspace(token.workspaceId);
      const attribute = workspace.attribute(workspace.object(params.object as string), params.attribute as string);
      if (attribute.type !== 'status')
        throw new AttioApiError(404, 'not_found', `Attribute "${attribute.api_slug}" is not a status attribute.`);
      const showArchived = request.url.searchParams.get('show_archived') === 'true';
      return ok({ data: attribute.statuses.filter((status) => showArchived || !status.is_archived) });
    },
  },
  {
    method: 'GET',
    template: '/v2/objects/{object}/attributes/{attribute}/options',
    handler: ({ token, params }, { world }) => {
      const workspace = world.workspace(token.workspaceId);
      return ok({
        data: workspace.attribute(workspace.object(params.object as string), params.attribute as string).options,
      });
    },
  },
  {
    method: 'POST',
    template: '/v2/objects/{object}/attributes/{attribute}/options',
    handler: (call, { world }) => {
      const workspace = world.workspace(call.token.workspaceId);
      const attribute = workspace.attribute(
        workspace.object(call.params.object as string),
        call.params.attribute as string,
      );
      const title = data(call).title;
      if (typeof title !== 'string' || title === '')
        throw new AttioApiError(400, 'validation_type', 'title is required.');
      return ok({ data: workspace.addSelectOption(attribute, title) });
    },
  },
];
