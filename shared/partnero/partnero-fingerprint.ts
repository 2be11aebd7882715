import type { FieldMapping } from '../programs/program-settings';
import type { LinkedKind } from '../sync/link-repository';
import { hashValues } from '../sync/value-hash';
import { partneroFieldsByKind, readPartneroField } from './partnero-fields';
import { isTaggedValue, type SyncValue } from '../attio/sync-values';

/**
 * The hash of a Partnero record's mapped fields. The Attio -> Partnero direction stores it as
 * `partneroWrittenHash` after writing a record to Partnero; when Partnero's webhook for that
 * write comes back with the same mapped fields, the Partnero -> Attio direction recognises its echo and
 * writes nothing to Attio (the values came from Attio in the first place).
 */
export function partneroFingerprint<Resource>(
  kind: LinkedKind,
  resource: Resource,
  mappings: readonly FieldMapping[],
): string {
  const readers = partneroFieldsByKind[kind] as Readonly<Record<string, (resource: Resource) => SyncValue>>;
  const fields: Record<string, unknown> = {};
  for (const row of mappings)
    fields[row.partneroField] = comparableSyncValue(readPartneroField(kind, readers, resource, row.partneroField));
  return hashValues(fields);
}

function comparableSyncValue(value: SyncValue): unknown {
  if (value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) return [...value].sort();
  if (!isTaggedValue(value)) return value;
  switch (value.kind) {
    case 'person-name':
      return [value.firstName, value.lastName];
    case 'money':
      return [value.amount, value.currency];
    case 'status':
      return value.title;
    case 'workspace-member':
      return value.workspaceMemberId;
    case 'records':
      return value.references.map((reference) => reference.recordId).sort();
  }
}
