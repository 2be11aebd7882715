/**
 * A value reduced to what both sides agree on, so that what we write and what Attio reads back
 * hash the same: emails and domains lower-cased, lists sorted, a name as [first, last], a
 * stage by title, a reference by record id. Absent (undefined) when the attribute is empty.
 */
export type ComparableValue = string | number | boolean | readonly string[];

export function sortedUnique(values: readonly string[]): readonly string[] | undefined {
  const unique = [...new Set(values.filter((value) => value !== ''))].sort();
  return unique.length > 0 ? unique : undefined;
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** `https://www.Acme.com/path?q` -> `www.acme.com`: Attio trims paths and queries the same way. */
export function normalizeDomain(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '');
}

export function normalizePhone(value: string): string {
  return value.replace(/[\s\-().]/g, '');
}

export function normalizeText(value: string): string {
  return value.trim();
}

/** Timestamps compare as instants, whatever their precision or zone. */
export function normalizeTimestamp(value: string): number | undefined {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
