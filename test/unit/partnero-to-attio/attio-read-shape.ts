import type { AttioAttributeInfo, AttioStatusInfo } from '../../../shared/attio/attio-schema';

type Json = Record<string, unknown>;

/**
 * What Attio returns for a value written in one of the write forms the sync uses, following
 * the value shapes of attio-api.md §3 ("Record shape"): one value object per item, with
 * `active_until: null` and the type's own fields. For the fake Attio of these unit tests.
 */
export function readShapeOf(
  attribute: AttioAttributeInfo,
  write: unknown,
  statuses: readonly AttioStatusInfo[] = [],
): Json[] {
  const items = Array.isArray(write) ? write : [write];
  return items.map((item) => ({
    active_from: '2025-01-01T00:00:00.000000000Z',
    active_until: null,
    attribute_type: attribute.type,
    ...fieldsOf(attribute, item, statuses),
  }));
}

function fieldsOf(attribute: AttioAttributeInfo, item: unknown, statuses: readonly AttioStatusInfo[]): Json {
  const object = typeof item === 'object' && item !== null ? (item as Json) : undefined;
  switch (attribute.type) {
    case 'email-address':
      return { email_address: String(item).toLowerCase(), original_email_address: item };
    case 'domain':
      return { domain: item, root_domain: item };
    case 'personal-name':
      return { first_name: object?.first_name, last_name: object?.last_name, full_name: object?.full_name };
    case 'currency':
      return {
        currency_value: typeof item === 'number' ? item : object?.currency_value,
        currency_code: attribute.currencyCode,
      };
    case 'status': {
      const wanted = String(object?.status ?? item);
      const status = statuses.find((candidate) => candidate.statusId === wanted || candidate.title === wanted);
      return { status: { id: { status_id: status?.statusId }, title: status?.title ?? wanted, is_archived: false } };
    }
    case 'select':
      return { option: { id: { option_id: `option-${String(item)}` }, title: item, is_archived: false } };
    case 'actor-reference':
      return { referenced_actor_type: object?.referenced_actor_type, referenced_actor_id: object?.referenced_actor_id };
    case 'record-reference':
      return { target_object: object?.target_object, target_record_id: object?.target_record_id };
    case 'phone-number':
      return { original_phone_number: item, phone_number: item, country_code: 'US' };
    default:
      return { value: item };
  }
}
