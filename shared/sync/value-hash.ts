import { createHash } from 'node:crypto';

/**
 * A hash of mapped values that does not depend on key order, so the same values written
 * twice (or read back from the other side) always hash the same. Used to recognise echoes
 * of our own writes and changes that change nothing mapped.
 */
export function hashValues(values: unknown): string {
  return createHash('sha256').update(stableStringify(values)).digest('hex');
}

export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableStringify(entry)}`).join(',')}}`;
}
