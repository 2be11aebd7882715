import { textOf, type AttioRecord } from '../attio-to-partnero/attio-record';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import type { DeletableKind } from './deleted-record-messages';

/**
 * Why a linked partner or customer that Partnero no longer has needs its deletion applied, or
 * undefined. The Attio record itself says whether the deletion was applied: the worker marks its
 * status `deleted`. A record gone from Attio has nothing to mark, and without the status
 * attribute a marked record cannot be told from an unmarked one, so neither is drift (a repair
 * there would be enqueued again every run).
 */
export function deletionDrift(
  kind: DeletableKind,
  record: AttioRecord | undefined,
  schema: AttioObjectSchema,
): string | undefined {
  const statusSlug = kind === 'partner' ? syncAttributeSlugs.partnerStatus : syncAttributeSlugs.customerStatus;
  if (!record || !schema.has(statusSlug)) return undefined;
  if (textOf(record, statusSlug) === 'deleted') return undefined;
  return `the ${kind} is no longer in Partnero and its Attio record does not show it deleted (a missed webhook)`;
}
