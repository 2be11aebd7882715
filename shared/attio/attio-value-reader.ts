import type { AttioAttributeInfo } from './attio-schema';
import {
  normalizeDomain,
  normalizeEmail,
  normalizePhone,
  normalizeText,
  normalizeTimestamp,
  sortedUnique,
  type ComparableValue,
} from './comparable-value';

type ValueObject = Readonly<Record<string, unknown>>;

/**
 * The comparable form of an attribute as Attio returns it on a record (`values[slug]`: an array
 * of value objects, the current ones with `active_until: null`). Mirrors `convertForAttio`, so
 * a value we wrote reads back to the very comparable we computed when writing it.
 */
export function comparableFromAttio(
  attribute: AttioAttributeInfo,
  values: readonly unknown[] | undefined,
): ComparableValue | undefined {
  const current = (values ?? []).filter(
    (value): value is ValueObject =>
      typeof value === 'object' && value !== null && !(value as ValueObject).active_until,
  );
  if (attribute.type === 'personal-name') {
    const name = current[0];
    return name ? [stringOf(name.first_name) ?? '', stringOf(name.last_name) ?? ''] : undefined;
  }
  const items = current
    .map((value) => itemOf(attribute.type, value))
    .filter((item): item is string | number | boolean => item !== undefined && item !== '');
  if (attribute.isMultiselect) return sortedUnique(items.map(String));
  return items[0];
}

function itemOf(type: string, value: ValueObject): string | number | boolean | undefined {
  switch (type) {
    case 'text':
    case 'select':
    case 'status': {
      const text =
        type === 'select' ? titleOf(value.option) : type === 'status' ? titleOf(value.status) : stringOf(value.value);
      return text === undefined ? undefined : normalizeText(text);
    }
    case 'email-address': {
      const email = stringOf(value.email_address) ?? stringOf(value.original_email_address);
      return email === undefined ? undefined : normalizeEmail(email);
    }
    case 'domain': {
      const domain = stringOf(value.domain);
      return domain === undefined ? undefined : normalizeDomain(domain);
    }
    case 'phone-number': {
      const phone = stringOf(value.original_phone_number) ?? stringOf(value.phone_number);
      return phone === undefined ? undefined : normalizePhone(phone);
    }
    case 'number':
    case 'rating':
      return typeof value.value === 'number' ? value.value : undefined;
    case 'currency':
      return typeof value.currency_value === 'number' ? value.currency_value : undefined;
    case 'checkbox':
      return typeof value.value === 'boolean' ? value.value : undefined;
    case 'date':
      return stringOf(value.value)?.slice(0, 10);
    case 'timestamp': {
      const text = stringOf(value.value);
      return text === undefined ? undefined : normalizeTimestamp(text);
    }
    case 'actor-reference':
      return stringOf(value.referenced_actor_id);
    case 'record-reference':
      return stringOf(value.target_record_id);
    default:
      return undefined;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A select option or a status, read as its title. */
function titleOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return stringOf((value as ValueObject).title);
  return undefined;
}
