import { hashValues } from '../sync/value-hash';
import type { AttioObjectSchema } from './attio-schema';
import { comparableFromAttio } from './attio-value-reader';
import type { ComparableValue } from './comparable-value';

/**
 * The hash of a record as Attio holds it, over the given attributes: the same function of the
 * same values as `RecordPlan.hash` (`shared/partnero-to-attio/record-plan.ts`), so the Attio
 * webhook echo of our own write is recognised by comparing it with the link's `attioWrittenHash`.
 */
export function fingerprintOfAttioRecord(
  recordValues: Readonly<Record<string, readonly unknown[] | undefined>>,
  schema: AttioObjectSchema,
  slugs: Iterable<string>,
): string {
  const comparable: Record<string, ComparableValue> = {};
  for (const slug of new Set(slugs)) {
    const attribute = schema.get(slug);
    if (!attribute) continue;
    const value = comparableFromAttio(attribute, recordValues[slug]);
    if (value !== undefined) comparable[slug] = value;
  }
  return hashValues(comparable);
}
