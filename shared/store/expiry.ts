/** Epoch seconds `days` from now, for the table's TTL attribute. */
export function expiresInDays(days: number, now: number = Date.now()): number {
  return Math.floor(now / 1000) + Math.round(days * 24 * 3600);
}
