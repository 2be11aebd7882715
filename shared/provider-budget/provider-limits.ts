import type { BudgetLimits } from './budget-window';

export type AttioCallKind = 'read' | 'write';
export type PartneroCallKind = 'request';

/**
 * Attio: 100 reads and 25 writes per second per workspace, across all apps and tokens
 * (https://docs.attio.com/rest-api/guides/rate-limiting; `simulators/attio/model/rate-limiter.ts`
 * enforces the same). Blocks of a fifth of a second's writes and reads: a busy workspace costs
 * at most 5 + 5 claims per second, and a container that took a block it cannot use wastes at
 * most a fifth of one second's budget.
 */
export const attioWorkspaceLimits: BudgetLimits<AttioCallKind> = {
  read: { perSecond: 100, block: 20 },
  write: { perSecond: 25, block: 5 },
};

/**
 * Partnero documents a 429 but no number (https://developers.partnero.com, "API requests are
 * rate-limited"; `/work/shared/reference/partnero-api.md` section 6). Our choice, conservative:
 * 5 requests per second per program, the top of the 2-5 per key a client should keep to.
 */
export const partneroProgramLimits: BudgetLimits<PartneroCallKind> = {
  request: { perSecond: 5, block: 2 },
};

/** Attio counts list queries (`POST …/records/query`, `…/entries/query`) as reads, like every GET. */
export function attioCallKind(method: string, path: string): AttioCallKind {
  if (method === 'GET') return 'read';
  return /\/query$/.test(path.split('?')[0] ?? path) ? 'read' : 'write';
}

/** The limits with a stage's overrides (lower ones for a provider that asked, higher ones agreed with it). */
export function withPerSecond<Kind extends string>(
  limits: BudgetLimits<Kind>,
  perSecond: Partial<Record<Kind, number>>,
): BudgetLimits<Kind> {
  const result = { ...limits } as Record<Kind, BudgetLimits<Kind>[Kind]>;
  for (const kind of Object.keys(limits) as Kind[]) {
    const override = perSecond[kind];
    if (override === undefined) continue;
    // A lower limit keeps the block within it; a higher one keeps the block (the claims per second grow with it).
    result[kind] = { perSecond: override, block: Math.max(1, Math.min(limits[kind].block, override)) };
  }
  return result;
}
