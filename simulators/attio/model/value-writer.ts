import { AttioApiError, valueNotFound, validationError } from './attio-api-error';
import type { StoredAttribute, Workspace } from './workspace';

/** The type-specific fields of a value object, before Attio's metadata is added. */
export type ValueFields = Record<string, unknown>;

/**
 * Turns one attribute's written value (any of the documented write forms) into the value
 * objects Attio stores, or refuses it with the error Attio gives.
 */
export function normaliseValues(workspace: Workspace, attribute: StoredAttribute, input: unknown): ValueFields[] {
  if (input === null) return [];
  const items = Array.isArray(input) ? input : [input];
  if (!attribute.is_multiselect && items.length > 1) {
    throw validationError(`Attribute "${attribute.api_slug}" accepts a single value, but ${items.length} were given.`);
  }
  return items.map((item) => normaliseOne(workspace, attribute, item));
}

function normaliseOne(workspace: Workspace, attribute: StoredAttribute, item: unknown): ValueFields {
  const object = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : undefined;
  const invalid = () =>
    validationError(`Invalid value for attribute "${attribute.api_slug}" of type "${attribute.type}".`);
  switch (attribute.type) {
    case 'text': {
      const value = object ? object.value : item;
      if (typeof value !== 'string') throw invalid();
      return { value };
    }
    case 'number':
    case 'rating': {
      const value = object ? object.value : item;
      const number = typeof value === 'string' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid();
      return { value: number };
    }
    case 'checkbox': {
      const value = object ? object.value : item;
      if (value === 'true' || value === true) return { value: true };
      if (value === 'false' || value === false) return { value: false };
      throw invalid();
    }
    case 'currency': {
      const value = object ? object.currency_value : item;
      const number = typeof value === 'string' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid();
      return {
        currency_value: Math.round(number * 10_000) / 10_000,
        currency_code: attribute.config.currency?.default_currency_code ?? null,
      };
    }
    case 'date': {
      const value = object ? object.value : item;
      if (typeof value !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?/.test(value)) throw invalid();
      const [year, month = '01', day = '01'] = value.slice(0, 10).split('-');
      return { value: `${year}-${month}-${day}` };
    }
    case 'timestamp': {
      const value = object ? object.value : item;
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalid();
      return { value: new Date(value).toISOString() };
    }
    case 'email-address': {
      const value = object ? object.email_address : item;
      if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
        throw validationError(`"${String(value)}" is not a valid email address.`);
      // `email_address` is "the normalized form", `original_email_address` "as it was originally
      // input" (docs.attio.com/docs/attribute-types/attribute-types-email-address); uniqueness and
      // filters use the normalised, lower-cased form, so addresses differing in case are one address.
      const [local, domain] = value.toLowerCase().split('@') as [string, string];
      return {
        original_email_address: value,
        email_address: value.toLowerCase(),
        email_domain: domain,
        email_root_domain: rootDomain(domain),
        email_local_specifier: local,
      };
    }
    case 'domain': {
      const value = object ? object.domain : item;
      if (typeof value !== 'string' || value.trim() === '') throw invalid();
      const domain = value
        .replace(/^https?:\/\//, '')
        .replace(/[/?#].*$/, '')
        .toLowerCase();
      return { domain, root_domain: rootDomain(domain) };
    }
    case 'phone-number': {
      const value = object ? object.original_phone_number : item;
      if (typeof value !== 'string') throw invalid();
      return {
        original_phone_number: value,
        country_code: object?.country_code ?? null,
        phone_number: value.replace(/[^\d+]/g, ''),
      };
    }
    case 'personal-name': {
      if (typeof item === 'string') {
        const [last, first] = item.includes(',')
          ? item.split(',').map((part) => part.trim())
          : [undefined, item.trim()];
        const firstName = first ?? '';
        const lastName = last ?? '';
        return {
          first_name: firstName,
          last_name: lastName,
          full_name: [firstName, lastName].filter(Boolean).join(' '),
        };
      }
      if (!object || !('first_name' in object) || !('last_name' in object) || !('full_name' in object)) {
        throw validationError(`A personal-name value needs first_name, last_name and full_name.`);
      }
      return {
        first_name: object.first_name ?? null,
        last_name: object.last_name ?? null,
        full_name: object.full_name ?? null,
      };
    }
    case 'status': {
      const wanted = object ? object.status : item;
      const status = attribute.statuses.find(
        (candidate) => candidate.id.status_id === wanted || candidate.title === wanted,
      );
      if (!status || status.is_archived)
        throw valueNotFound(`Cannot find status "${String(wanted)}" for attribute "${attribute.api_slug}".`);
      return { status };
    }
    case 'select': {
      const wanted = object ? object.option : item;
      const option = attribute.options.find(
        (candidate) => candidate.id.option_id === wanted || candidate.title === wanted,
      );
      if (!option || option.is_archived)
        throw valueNotFound(`Cannot find select attribute with select option title "${String(wanted)}".`);
      return { option };
    }
    case 'record-reference': {
      if (!object || typeof object.target_object !== 'string') throw invalid();
      const target = workspace.object(object.target_object);
      if (typeof object.target_record_id === 'string') {
        if (!workspace.findRecord(target.id.object_id, object.target_record_id))
          throw valueNotFound(`Record with ID "${object.target_record_id}" not found.`);
        return { target_object: target.api_slug, target_record_id: object.target_record_id };
      }
      const matches = workspace.matchRecordsByUniqueValues(target, object);
      if (matches.length !== 1)
        throw valueNotFound(`Expected exactly one "${target.api_slug}" record to match, found ${matches.length}.`);
      return {
        target_object: target.api_slug,
        target_record_id: (matches[0] as { id: { record_id: string } }).id.record_id,
      };
    }
    case 'actor-reference': {
      const email = typeof item === 'string' ? item : object?.workspace_member_email_address;
      if (typeof email === 'string') {
        const member = workspace.members.find((candidate) => candidate.email_address === email);
        if (!member) throw valueNotFound(`Cannot find a workspace member with email "${email}".`);
        return { referenced_actor_type: 'workspace-member', referenced_actor_id: member.id.workspace_member_id };
      }
      if (object?.referenced_actor_type === 'workspace-member' && typeof object.referenced_actor_id === 'string') {
        if (!workspace.members.some((member) => member.id.workspace_member_id === object.referenced_actor_id)) {
          throw valueNotFound(`Cannot find workspace member "${object.referenced_actor_id}".`);
        }
        return { referenced_actor_type: 'workspace-member', referenced_actor_id: object.referenced_actor_id };
      }
      throw new AttioApiError(
        400,
        'validation_type',
        'Only workspace members can be written to actor-reference attributes.',
      );
    }
    case 'location': {
      // OpenAPI `input-value` (location): all ten keys are required, each may be null.
      if (!object || !locationKeys.every((key) => key in object))
        throw validationError(`A location value needs all of ${locationKeys.join(', ')} (null where unknown).`);
      return Object.fromEntries(locationKeys.map((key) => [key, object[key] ?? null]));
    }
    default:
      if (!object) throw invalid();
      return { ...object };
  }
}

/** The part of a value that says whether two values are the same (and what a filter compares). */
export function comparable(type: string, value: ValueFields): unknown {
  switch (type) {
    case 'email-address':
      return value.email_address;
    case 'domain':
      return value.domain;
    case 'status':
      return (value.status as { id: { status_id: string } }).id.status_id;
    case 'select':
      return (value.option as { id: { option_id: string } }).id.option_id;
    case 'record-reference':
      return `${String(value.target_object)}:${String(value.target_record_id)}`;
    case 'currency':
      return value.currency_value;
    case 'personal-name':
      return value.full_name;
    case 'actor-reference':
      return value.referenced_actor_id;
    case 'phone-number':
      return value.phone_number;
    default:
      return value.value ?? JSON.stringify(value);
  }
}

const locationKeys = [
  'line_1',
  'line_2',
  'line_3',
  'line_4',
  'locality',
  'region',
  'postcode',
  'country_code',
  'latitude',
  'longitude',
] as const;

function rootDomain(domain: string): string {
  return domain.split('.').slice(-2).join('.');
}
