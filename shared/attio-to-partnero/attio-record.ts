import {
  currentValues,
  emailAddresses,
  referencedRecordIds,
  statusId,
  type AttioRecord,
  type AttioValue,
} from '../attio';

/**
 * Readers of a re-fetched Attio record's values, beyond the typed client's own (`shared/attio`).
 * Attio returns each attribute as a list of value objects with their history; only the current
 * ones count.
 */
export type { AttioRecord };

export function recordIdOf(record: AttioRecord): string {
  return record.id.record_id;
}

/** A status attribute (a deal's stage): its status id. */
export function statusIdOf(record: AttioRecord, slug: string): string | undefined {
  return statusId(record, slug);
}

export interface MoneyValue {
  readonly amount: number;
  /** ISO 4217, upper case; null when Attio gave none. */
  readonly currency: string | null;
}

/** A currency attribute (a deal's value). */
export function moneyOf(record: AttioRecord, slug: string): MoneyValue | undefined {
  const value = currentValues(record, slug)[0];
  if (typeof value?.currency_value !== 'number' || !Number.isFinite(value.currency_value)) return undefined;
  return { amount: value.currency_value, currency: value.currency_code?.toUpperCase() ?? null };
}

/** A record-reference attribute (a deal's `associated_people`): record ids in Attio's order. */
export function referencedIdsOf(record: AttioRecord, slug: string): string[] {
  return referencedRecordIds(record, slug).map((reference) => reference.recordId);
}

/** Email addresses, lower-cased, without repeats, in Attio's order (the first is the primary one). */
export function emailsOf(record: AttioRecord, slug: string): string[] {
  return [
    ...new Set(
      emailAddresses(record, slug)
        .map((email) => email.trim().toLowerCase())
        .filter((email) => email.includes('@')),
    ),
  ];
}

export interface PersonNameValue {
  readonly firstName: string;
  readonly lastName: string;
}

export function isPersonalName(record: AttioRecord, slug: string): boolean {
  return currentValues(record, slug)[0]?.attribute_type === 'personal-name';
}

/** A personal-name attribute; a text attribute is split at its first space ("Ada Lovelace"). */
export function personNameOf(record: AttioRecord, slug: string): PersonNameValue | undefined {
  const value = currentValues(record, slug)[0];
  if (!value) return undefined;
  if (value.attribute_type === 'personal-name') {
    const name = { firstName: (value.first_name ?? '').trim(), lastName: (value.last_name ?? '').trim() };
    return name.firstName || name.lastName ? name : splitFullName(value.full_name ?? '');
  }
  return splitFullName(textOfValue(value) ?? '');
}

function splitFullName(text: string): PersonNameValue | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  return { firstName: words[0] as string, lastName: words.slice(1).join(' ') };
}

/** Every current value of an attribute as text (texts, options, statuses, numbers, emails, domains, names). */
export function textsOf(record: AttioRecord, slug: string): string[] {
  return currentValues(record, slug)
    .map(textOfValue)
    .filter((text): text is string => text !== undefined && text.trim() !== '')
    .map((text) => text.trim());
}

export function textOf(record: AttioRecord, slug: string): string | undefined {
  return textsOf(record, slug)[0];
}

function textOfValue(value: AttioValue): string | undefined {
  if (typeof value.value === 'string' || typeof value.value === 'number' || typeof value.value === 'boolean')
    return String(value.value);
  return (
    value.option?.title ?? value.status?.title ?? value.email_address ?? value.domain ?? value.full_name ?? undefined
  );
}
