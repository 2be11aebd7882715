import { PermanentError } from '../errors';
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
import { formatMoney, fullName, isTaggedValue, type Money, type PersonName, type SyncValue } from './sync-values';

export type AttioValueConversion =
  | { readonly outcome: 'write'; readonly write: unknown; readonly comparable: ComparableValue }
  /** Nothing to write: the Partnero value is empty. The attribute is left as it is. */
  | { readonly outcome: 'empty' }
  /** Deliberately not written, with the reason for the audit trail. */
  | { readonly outcome: 'skipped'; readonly reason: string };

const empty: AttioValueConversion = { outcome: 'empty' };

/**
 * Turns a value into the write form of the attribute's type (reference: attio-api.md §3,
 * "Attribute value write formats"), together with its comparable form.
 */
export function convertForAttio(attribute: AttioAttributeInfo, value: SyncValue): AttioValueConversion {
  if (value === null) return empty;
  switch (attribute.type) {
    case 'text':
      return listOrSingle(attribute, texts(attribute, value).map(normalizeText));
    case 'email-address':
      return listOrSingle(
        attribute,
        texts(attribute, value)
          .map(normalizeEmail)
          .filter((email) => email.includes('@')),
      );
    case 'domain':
      return listOrSingle(attribute, texts(attribute, value).map(normalizeDomain));
    case 'select':
      return listOrSingle(attribute, texts(attribute, value).map(normalizeText));
    case 'phone-number': {
      const phone = texts(attribute, value)[0]?.trim();
      return phone
        ? written(
            attribute.isMultiselect ? [phone] : phone,
            attribute.isMultiselect ? [normalizePhone(phone)] : normalizePhone(phone),
          )
        : empty;
    }
    case 'personal-name':
      return writePersonalName(attribute, value);
    case 'number':
    case 'rating': {
      const number = numberOf(attribute, value);
      return number === undefined ? empty : written(number, number);
    }
    case 'currency':
      return writeCurrency(attribute, value);
    case 'checkbox': {
      const flag = booleanOf(attribute, value);
      return flag === undefined ? empty : written(flag, flag);
    }
    case 'date': {
      const day = texts(attribute, value)[0]?.trim().slice(0, 10);
      return day ? written(day, day) : empty;
    }
    case 'timestamp': {
      const text = texts(attribute, value)[0]?.trim();
      const instant = text ? normalizeTimestamp(text) : undefined;
      return text && instant !== undefined ? written(text, instant) : empty;
    }
    case 'status':
      if (isTaggedValue(value) && value.kind === 'status') return written({ status: value.statusId }, value.title);
      return listOrSingle({ ...attribute, isMultiselect: false }, texts(attribute, value).map(normalizeText));
    case 'actor-reference':
      if (isTaggedValue(value) && value.kind === 'workspace-member') {
        return written(
          { referenced_actor_type: 'workspace-member', referenced_actor_id: value.workspaceMemberId },
          value.workspaceMemberId,
        );
      }
      throw incompatible(attribute, value);
    case 'record-reference':
      if (isTaggedValue(value) && value.kind === 'records') {
        const references = attribute.isMultiselect ? value.references : value.references.slice(0, 1);
        if (references.length === 0) return empty;
        const write = references.map((reference) => ({
          target_object: reference.object,
          target_record_id: reference.recordId,
        }));
        const ids = sortedUnique(references.map((reference) => reference.recordId)) ?? [];
        return attribute.isMultiselect ? written(write, ids) : written(write[0], ids[0] as string);
      }
      throw incompatible(attribute, value);
    default:
      throw new PermanentError(
        'settings:unsupported-attribute-type',
        `Attio attribute "${attribute.slug}" is of type ${attribute.type}, which the sync cannot write`,
      );
  }
}

function written(write: unknown, comparable: ComparableValue): AttioValueConversion {
  return { outcome: 'write', write, comparable };
}

function listOrSingle(attribute: AttioAttributeInfo, values: readonly string[]): AttioValueConversion {
  const present = values.filter((value) => value !== '');
  if (attribute.isMultiselect) {
    const unique = [...new Set(present)];
    const comparable = sortedUnique(unique);
    return comparable ? written(unique, comparable) : empty;
  }
  const first = present[0];
  return first === undefined ? empty : written(first, first);
}

/** Every value as text: a list item by item, a name in full, money as `12.50 EUR`. */
function texts(attribute: AttioAttributeInfo, value: SyncValue): readonly string[] {
  if (value === null) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value as readonly string[];
  const tagged = value as Exclude<SyncValue, string | number | boolean | readonly string[] | null>;
  if (tagged.kind === 'person-name') return [fullName(tagged)];
  if (tagged.kind === 'money') return [formatMoney(tagged)];
  if (tagged.kind === 'status') return [tagged.title];
  throw incompatible(attribute, value);
}

function writePersonalName(attribute: AttioAttributeInfo, value: SyncValue): AttioValueConversion {
  let name: PersonName | undefined;
  if (isTaggedValue(value) && value.kind === 'person-name') name = value;
  else {
    // "Ada Lovelace" -> first "Ada", last "Lovelace": the first word is the first name.
    const text = texts(attribute, value).join(' ').trim().replace(/\s+/g, ' ');
    if (text === '') return empty;
    const [first = '', ...rest] = text.split(' ');
    name = { kind: 'person-name', firstName: first, lastName: rest.join(' ') };
  }
  const write = { first_name: name.firstName, last_name: name.lastName, full_name: fullName(name) };
  return written(attribute.isMultiselect ? [write] : write, [name.firstName, name.lastName]);
}

function writeCurrency(attribute: AttioAttributeInfo, value: SyncValue): AttioValueConversion {
  if (isTaggedValue(value) && value.kind === 'money') return writeMoney(attribute, value);
  const number = numberOf(attribute, value);
  return number === undefined ? empty : written(number, number);
}

/**
 * Attio fixes a currency attribute's code for all its values, so 100 EUR written into a USD
 * attribute would silently read as 100 USD. Such an amount is not written; the sale keeps its
 * currency in the deal name and in `partnero_currency`.
 */
function writeMoney(attribute: AttioAttributeInfo, money: Money): AttioValueConversion {
  if (
    money.currency &&
    attribute.currencyCode &&
    money.currency.toUpperCase() !== attribute.currencyCode.toUpperCase()
  ) {
    return {
      outcome: 'skipped',
      reason: `${attribute.slug} left empty: the amount is in ${money.currency.toUpperCase()}, the attribute in ${attribute.currencyCode.toUpperCase()}`,
    };
  }
  return written(money.amount, money.amount);
}

function numberOf(attribute: AttioAttributeInfo, value: SyncValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (isTaggedValue(value) && value.kind === 'money') return value.amount;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  if (typeof value === 'string' && value.trim() === '') return undefined;
  throw incompatible(attribute, value);
}

function booleanOf(attribute: AttioAttributeInfo, value: SyncValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value === 'number') return value !== 0;
  throw incompatible(attribute, value);
}

function incompatible(attribute: AttioAttributeInfo, value: SyncValue): PermanentError {
  const shape =
    value === null
      ? 'empty'
      : Array.isArray(value)
        ? 'a list'
        : isTaggedValue(value)
          ? `a ${value.kind}`
          : `a ${typeof value}`;
  return new PermanentError(
    'settings:incompatible-mapping',
    `Attio attribute "${attribute.slug}" (${attribute.type}) cannot take ${shape}`,
  );
}
