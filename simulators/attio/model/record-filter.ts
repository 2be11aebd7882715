import { AttioApiError } from './attio-api-error';
import type { StoredObject, StoredRecord, Workspace } from './workspace';

/**
 * Attio's record filters, shorthand and verbose:
 *   { "email_addresses": "a@b.com" }                              shorthand, exact match
 *   { "name": { "full_name": { "$eq": "Ada" } } }                 a field of the value
 *   { "stage": { "$eq": "Won 🎉" } }, { "x": { "$not_empty": true } }
 *   { "$and": [ ... ] }, { "$or": [ ... ] }
 *   { "stage": { "active_from": { "$gte": "2026-01-01T00:00:00Z" } } }   when a status last changed
 */
export function matchesFilter(
  workspace: Workspace,
  object: StoredObject,
  record: StoredRecord,
  filter: unknown,
): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw filterError('A filter must be an object.');
  return Object.entries(filter as Record<string, unknown>).every(([key, condition]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) throw filterError(`${key} takes an array.`);
      const results = condition.map((part) => matchesFilter(workspace, object, record, part));
      return key === '$and' ? results.every(Boolean) : results.some(Boolean);
    }
    if (key === '$not') return !matchesFilter(workspace, object, record, condition);
    const attribute = object.attributes.find(
      (candidate) => candidate.api_slug === key || candidate.id.attribute_id === key,
    );
    if (!attribute) throw filterError(`Unknown attribute "${key}" in filter.`);
    const values =
      attribute.api_slug === 'record_id'
        ? [{ value: record.id.record_id }]
        : (record.values.get(attribute.id.attribute_id) ?? []);
    if (isActiveFromCondition(condition))
      return values.some((value) => activeFromMatches(value.active_from, condition.active_from));
    return matchesCondition(
      values.map((value) => fieldsOf(attribute.type, value)),
      condition,
    );
  });
}

const operators = new Set([
  '$eq',
  '$not_empty',
  '$contains',
  '$starts_with',
  '$ends_with',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
]);

/**
 * Refuses a filter naming an unknown attribute or operator before any record is looked at,
 * as Attio does: an empty object still answers 400 filter_error to a bad filter.
 */
export function validateFilter(object: StoredObject, filter: unknown): void {
  if (filter === undefined || filter === null) return;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw filterError('A filter must be an object.');
  for (const [key, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) throw filterError(`${key} takes an array.`);
      condition.forEach((part) => validateFilter(object, part));
    } else if (key === '$not') {
      validateFilter(object, condition);
    } else {
      const attribute = object.attributes.find(
        (candidate) => candidate.api_slug === key || candidate.id.attribute_id === key,
      );
      if (!attribute) throw filterError(`Unknown attribute "${key}" in filter.`);
      if (condition === null || typeof condition !== 'object') continue;
      if (isActiveFromCondition(condition)) {
        validateActiveFrom(attribute.type, condition.active_from);
        continue;
      }
      for (const [part, operand] of Object.entries(condition as Record<string, unknown>)) {
        const named = part.startsWith('$')
          ? [part]
          : operand !== null && typeof operand === 'object'
            ? Object.keys(operand)
            : [];
        for (const operator of named)
          if (!operators.has(operator)) throw filterError(`Unknown filter operator "${operator}".`);
      }
    }
  }
}

/**
 * "Status attributes can also be filtered based on when they were modified, using the
 * active_from property. This filter supports the $lt, $lte, $gt, $gte operators"
 * (https://docs.attio.com/docs/attribute-types/attribute-types-status). Documented for status
 * attributes only, so only there: on any other type it is refused like an unknown field.
 * Compared as instants (the values carry nanoseconds, a filter may not).
 */
function isActiveFromCondition(condition: unknown): condition is { active_from: unknown } {
  return (
    condition !== null &&
    typeof condition === 'object' &&
    Object.keys(condition).length === 1 &&
    'active_from' in condition
  );
}

const activeFromOperators = new Set(['$lt', '$lte', '$gt', '$gte']);

function validateActiveFrom(type: string, operand: unknown): void {
  if (type !== 'status')
    throw filterError(`Filtering by active_from is only supported on status attributes, not ${type}.`);
  if (operand === null || typeof operand !== 'object' || Object.keys(operand).length === 0)
    throw filterError('active_from takes an object of $lt, $lte, $gt or $gte.');
  for (const [operator, wanted] of Object.entries(operand)) {
    if (!activeFromOperators.has(operator)) throw filterError(`Unknown filter operator "${operator}" for active_from.`);
    if (typeof wanted !== 'string' || !Number.isFinite(Date.parse(wanted)))
      throw filterError(`active_from ${operator} takes a timestamp.`);
  }
}

function activeFromMatches(activeFrom: unknown, operand: unknown): boolean {
  const at = typeof activeFrom === 'string' ? Date.parse(activeFrom) : Number.NaN;
  if (!Number.isFinite(at)) return false;
  return Object.entries(operand as Record<string, string>).every(([operator, wanted]) => {
    const bound = Date.parse(wanted);
    return operator === '$lt'
      ? at < bound
      : operator === '$lte'
        ? at <= bound
        : operator === '$gt'
          ? at > bound
          : at >= bound;
  });
}

/** Candidate strings/numbers of one value: its main field first, then every named field. */
function fieldsOf(type: string, value: Record<string, unknown>): Record<string, unknown> {
  const status = value.status as { title?: string; id?: { status_id?: string } } | undefined;
  const option = value.option as { title?: string; id?: { option_id?: string } } | undefined;
  const main =
    type === 'email-address'
      ? value.email_address
      : type === 'domain'
        ? value.domain
        : type === 'status'
          ? status?.title
          : type === 'select'
            ? option?.title
            : type === 'record-reference'
              ? value.target_record_id
              : type === 'currency'
                ? value.currency_value
                : type === 'personal-name'
                  ? value.full_name
                  : type === 'actor-reference'
                    ? value.referenced_actor_id
                    : value.value;
  return {
    ...value,
    $main: main,
    status_id: status?.id?.status_id,
    option_id: option?.id?.option_id,
    title: status?.title ?? option?.title,
  };
}

function matchesCondition(values: Record<string, unknown>[], condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object') {
    return values.some(
      (value) =>
        equal(value.$main, condition) || equal(value.status_id, condition) || equal(value.option_id, condition),
    );
  }
  const entries = Object.entries(condition as Record<string, unknown>);
  return entries.every(([key, operand]) => {
    if (key.startsWith('$'))
      return (
        values.some((value) => applyOperator(key, value.$main, operand)) ||
        (key === '$not_empty' && operand === false && values.length === 0)
      );
    // A named field of the value, e.g. `email_address`, `target_record_id`, `full_name`.
    return values.some((value) =>
      operand !== null && typeof operand === 'object'
        ? Object.entries(operand as Record<string, unknown>).every(([operator, wanted]) =>
            applyOperator(operator, value[key], wanted),
          )
        : equal(value[key], operand),
    );
  });
}

function applyOperator(operator: string, actual: unknown, wanted: unknown): boolean {
  switch (operator) {
    case '$eq':
      return equal(actual, wanted);
    case '$not_empty':
      return wanted
        ? actual !== undefined && actual !== null && actual !== ''
        : actual === undefined || actual === null || actual === '';
    case '$contains':
      return (
        typeof actual === 'string' && typeof wanted === 'string' && actual.toLowerCase().includes(wanted.toLowerCase())
      );
    case '$starts_with':
      return (
        typeof actual === 'string' &&
        typeof wanted === 'string' &&
        actual.toLowerCase().startsWith(wanted.toLowerCase())
      );
    case '$ends_with':
      return (
        typeof actual === 'string' && typeof wanted === 'string' && actual.toLowerCase().endsWith(wanted.toLowerCase())
      );
    case '$gt':
      return compare(actual, wanted) > 0;
    case '$gte':
      return compare(actual, wanted) >= 0;
    case '$lt':
      return compare(actual, wanted) < 0;
    case '$lte':
      return compare(actual, wanted) <= 0;
    default:
      throw filterError(`Unknown filter operator "${operator}".`);
  }
}

function equal(actual: unknown, wanted: unknown): boolean {
  if (typeof actual === 'string' && typeof wanted === 'string') return actual.toLowerCase() === wanted.toLowerCase();
  return actual === wanted;
}

function compare(actual: unknown, wanted: unknown): number {
  if (typeof actual === 'number' && typeof wanted === 'number') return actual - wanted;
  return String(actual ?? '').localeCompare(String(wanted ?? ''));
}

function filterError(message: string): AttioApiError {
  return new AttioApiError(400, 'filter_error', message);
}

/**
 * Attio documents no order for an unsorted query (https://docs.attio.com/rest-api/guides/pagination
 * and the `sorts` of `POST /v2/objects/{object}/records/query` say nothing about a default), so
 * the simulator takes the least helpful one a store could have: most recently written first. A
 * client paging without `sorts` then meets what it would meet on any store: a record written
 * while it pages moves, and a page boundary skips or repeats records.
 */
export function sortRecords(object: StoredObject, records: StoredRecord[], sorts: unknown): StoredRecord[] {
  if (!Array.isArray(sorts) || sorts.length === 0)
    return [...records].sort(
      (a, b) => lastWrittenAt(b).localeCompare(lastWrittenAt(a)) || b.id.record_id.localeCompare(a.id.record_id),
    );
  return [...records].sort((a, b) => {
    for (const sort of sorts as { attribute?: string; direction?: string; field?: string }[]) {
      const attribute = object.attributes.find(
        (candidate) => candidate.api_slug === sort.attribute || candidate.id.attribute_id === sort.attribute,
      );
      if (!attribute) continue;
      // `field` picks a part of the value, e.g. `last_name` of a name; else the value's main part.
      const key = (record: StoredRecord) => {
        if (attribute.api_slug === 'created_at') return record.created_at;
        if (attribute.api_slug === 'record_id') return record.id.record_id;
        const fields = fieldsOf(attribute.type, record.values.get(attribute.id.attribute_id)?.[0] ?? {});
        return sort.field ? fields[sort.field] : fields.$main;
      };
      const order = compare(key(a), key(b));
      if (order !== 0) return sort.direction === 'desc' ? -order : order;
    }
    return 0;
  });
}

function lastWrittenAt(record: StoredRecord): string {
  let latest = record.created_at;
  for (const values of record.values.values()) {
    for (const value of values)
      if (typeof value.active_from === 'string' && value.active_from > latest) latest = value.active_from;
  }
  return latest;
}
