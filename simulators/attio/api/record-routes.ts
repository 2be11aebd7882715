import { AttioApiError } from '../model/attio-api-error';
import { matchesFilter, sortRecords, validateFilter } from '../model/record-filter';
import { ok, type RouteCall, type RouteDefinition } from './attio-api';

function valuesOf(call: RouteCall): Record<string, unknown> {
  const data = call.body.data as { values?: unknown } | undefined;
  if (!data || typeof data !== 'object' || !data.values || typeof data.values !== 'object') {
    throw new AttioApiError(400, 'validation_type', 'The request body must be {"data": {"values": {...}}}.');
  }
  return data.values as Record<string, unknown>;
}

function scope(call: RouteCall, world: import('../model/attio-world').AttioWorld) {
  const workspace = world.workspace(call.token.workspaceId);
  return { workspace, object: workspace.object(call.params.object as string) };
}

/** PATCH appends to multiselect values, PUT overwrites them; otherwise the two updates are one. */
function updateRecordRoute(method: 'PATCH' | 'PUT', mode: 'append' | 'overwrite'): RouteDefinition {
  return {
    method,
    template: '/v2/objects/{object}/records/{record_id}',
    handler: (call, { world }) => {
      const { workspace, object } = scope(call, world);
      const record = workspace.updateRecord(
        object,
        workspace.record(object, call.params.record_id as string),
        valuesOf(call),
        mode,
        call.token.actor,
      );
      return ok({ data: workspace.present(object, record) });
    },
  };
}

/** Records: query, create, assert, get, update (append and overwrite), delete, merge. */
export const recordRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    template: '/v2/objects/{object}/records/query',
    read: true,
    handler: (call, { world }) => {
      const { workspace, object } = scope(call, world);
      const limit = typeof call.body.limit === 'number' ? call.body.limit : 500;
      const offset = typeof call.body.offset === 'number' ? call.body.offset : 0;
      validateFilter(object, call.body.filter);
      const matching = workspace
        .allRecords(object)
        .filter((record) => matchesFilter(workspace, object, record, call.body.filter));
      const page = sortRecords(object, matching, call.body.sorts).slice(offset, offset + limit);
      return ok({ data: page.map((record) => workspace.present(object, record)) });
    },
  },
  {
    method: 'POST',
    template: '/v2/objects/{object}/records',
    handler: (call, { world }) => {
      const { workspace, object } = scope(call, world);
      return ok({ data: workspace.present(object, workspace.createRecord(object, valuesOf(call), call.token.actor)) });
    },
  },
  {
    method: 'PUT',
    template: '/v2/objects/{object}/records',
    handler: (call, { world }) => {
      const { workspace, object } = scope(call, world);
      const matching = call.request.url.searchParams.get('matching_attribute');
      if (!matching)
        throw new AttioApiError(400, 'validation_type', 'The matching_attribute query parameter is required.');
      return ok({
        data: workspace.present(object, workspace.assertRecord(object, matching, valuesOf(call), call.token.actor)),
      });
    },
  },
  {
    method: 'POST',
    template: '/v2/objects/{object}/records/merge',
    handler: (call, { world }) => {
      const { workspace, object } = scope(call, world);
      const data = (call.body.data ?? {}) as { primary_record_id?: string; secondary_record_id?: string };
      const merged = workspace.mergeRecords(
        object,
        workspace.record(object, String(data.primary_record_id)),
        workspace.record(object, String(data.secondary_record_id)),
        call.token.actor,
      );
      return ok({ data: { new_record_id: merged.id.record_id } });
    },
  },
  {
    method: 'GET',
    template: '/v2/objects/{object}/records/{record_id}',
    handler: (call, { world }) => {
      const { workspace, object } = scope(call, world);
      return ok({ data: workspace.present(object, workspace.record(object, call.params.record_id as string)) });
    },
  },
  updateRecordRoute('PATCH', 'append'),
  updateRecordRoute('PUT', 'overwrite'),
  {
    method: 'DELETE',
    template: '/v2/objects/{object}/records/{record_id}',
    handler: (call, { world }) => {
      const { workspace, object } = scope(call, world);
      workspace.deleteRecord(object, workspace.record(object, call.params.record_id as string), call.token.actor);
      return ok({});
    },
  },
];
