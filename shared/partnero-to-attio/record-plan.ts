import { PermanentError } from '../errors';
import { hashValues } from '../sync/value-hash';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { convertForAttio } from '../attio/attio-value-writer';
import type { ComparableValue } from '../attio/comparable-value';
import type { SyncValue } from '../attio/sync-values';

/** One attribute the sync wants to set. */
export interface PlannedValue {
  readonly slug: string;
  readonly value: SyncValue;
  /**
   * A status or currency attribute of the sync that an older workspace may lack: left out of
   * the write (with a note) instead of failing it. Mapped attributes and tags are never optional.
   */
  readonly optional?: boolean;
}

/** Everything one write to one Attio record needs, decided before any call. */
export interface RecordPlan {
  readonly object: string;
  /** The unique tag attribute the write asserts on. */
  readonly matchingAttribute: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** What the values read back as, by slug; the hash covers exactly this. */
  readonly comparable: Readonly<Record<string, ComparableValue>>;
  readonly hash: string;
  /**
   * A unique attribute among the values (a person's email, a company's domain) by which an
   * existing untagged record is adopted when asserting on the tag hits a uniqueness conflict.
   */
  readonly adoptBy: string | undefined;
  /** Every unique attribute among the values besides the tag: what another record may already hold. */
  readonly uniqueValues: readonly string[];
  /** Values deliberately not written, for the audit reason. */
  readonly notes: readonly string[];
}

/**
 * Builds the write for one record. Later values of the same slug replace earlier ones, so the
 * order given is the precedence: defaults, then the program's mapping, then the sync's tags.
 */
export function planRecordWrite(
  object: string,
  matchingAttribute: string,
  planned: readonly PlannedValue[],
  schema: AttioObjectSchema,
): RecordPlan {
  const matching = schema.get(matchingAttribute);
  if (!matching) throw missingAttribute(object, matchingAttribute);
  if (!matching.isUnique)
    throw new PermanentError(
      'attio:matching-attribute-not-unique',
      `Attio attribute ${object}.${matchingAttribute} must be unique to match records on; reconnect Attio to recreate it`,
    );

  const bySlug = new Map<string, PlannedValue>();
  for (const entry of planned) bySlug.set(entry.slug, entry);

  const values: Record<string, unknown> = {};
  const comparable: Record<string, ComparableValue> = {};
  const notes: string[] = [];
  for (const entry of bySlug.values()) {
    const attribute = schema.get(entry.slug);
    if (!attribute) {
      if (entry.optional) {
        notes.push(`${entry.slug} not written: the ${object} object has no such attribute`);
        continue;
      }
      throw missingAttribute(object, entry.slug);
    }
    const converted = convertForAttio(attribute, entry.value);
    if (converted.outcome === 'skipped') notes.push(converted.reason);
    if (converted.outcome !== 'write') continue;
    values[entry.slug] = converted.write;
    comparable[entry.slug] = converted.comparable;
  }
  if (values[matchingAttribute] === undefined)
    throw new PermanentError(
      'partnero:missing-identity',
      `nothing to match ${object} records on: ${matchingAttribute} is empty`,
    );

  const uniqueValues = [...bySlug.keys()].filter(
    (slug) => slug !== matchingAttribute && values[slug] !== undefined && schema.get(slug)?.isUnique === true,
  );
  return {
    object,
    matchingAttribute,
    values,
    comparable,
    hash: hashValues(comparable),
    adoptBy: uniqueValues[0],
    uniqueValues,
    notes,
  };
}

function missingAttribute(object: string, slug: string): PermanentError {
  return new PermanentError(
    'attio:missing-attribute',
    `the Attio ${object} object has no attribute "${slug}"; create it or change the mapping`,
  );
}
