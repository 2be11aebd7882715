import type { AttioRecord, AttioValue } from './schemas';

/** The values of an attribute that are current (not superseded), in Attio's order. */
export function currentValues(record: AttioRecord, slug: string): AttioValue[] {
  return (record.values[slug] ?? []).filter((value) => value.active_until === null || value.active_until === undefined);
}

export function currentValue(record: AttioRecord, slug: string): AttioValue | undefined {
  return currentValues(record, slug)[0];
}

export function textValue(record: AttioRecord, slug: string): string | undefined {
  const value = currentValue(record, slug)?.value;
  return typeof value === 'string' ? value : undefined;
}

export function emailAddresses(record: AttioRecord, slug = 'email_addresses'): string[] {
  return currentValues(record, slug)
    .map((value) => value.email_address)
    .filter((email): email is string => typeof email === 'string');
}

export function statusId(record: AttioRecord, slug: string): string | undefined {
  return currentValue(record, slug)?.status?.id.status_id;
}

export function referencedRecordIds(record: AttioRecord, slug: string): { targetObject: string; recordId: string }[] {
  return currentValues(record, slug)
    .filter((value) => value.target_object && value.target_record_id)
    .map((value) => ({ targetObject: value.target_object as string, recordId: value.target_record_id as string }));
}
