/**
 * The arithmetic of a provider budget, without AWS: fixed one-second windows on the wall clock
 * (Attio's own limiter counts per second and answers a 429 with the next second as its
 * Retry-After), a count of the tokens taken in the current window per kind of call, and leases:
 * blocks of tokens a container took with one conditional update and spends in memory until its
 * window ends.
 *
 *   window w                         window w+1
 *   |──claim 5──spend spend spend───|──claim 5──spend …
 *   |  stored: { window: w, taken: { write: 5 } } → another container's claim adds to it
 *   |  taken + block > limit → the rest (limit - taken), then nothing: exhausted until w+1
 *
 * A block left unspent at the end of its window is lost, never carried over: that keeps every
 * window at or under the limit whatever each container does.
 */

export interface KindLimit {
  /** Calls of this kind the scope may make in one second (the provider's documented limit). */
  readonly perSecond: number;
  /** Tokens taken per claim: fewer DynamoDB writes the larger, fewer tokens wasted the smaller. */
  readonly block: number;
}

export type BudgetLimits<Kind extends string> = Readonly<Record<Kind, KindLimit>>;

export const WINDOW_MS = 1_000;

export function windowOf(now: number): number {
  return Math.floor(now / WINDOW_MS);
}

/** Milliseconds from `now` to the start of the next window; at least 1. */
export function msUntilNextWindow(now: number): number {
  return Math.max(1, (windowOf(now) + 1) * WINDOW_MS - now);
}

/** The budget item as stored: the window it counts and the tokens taken in it per kind. */
export interface StoredWindow {
  readonly window: number;
  readonly taken: Readonly<Record<string, number | undefined>>;
}

export type Tokens<Kind extends string> = Readonly<Partial<Record<Kind, number>>>;

export type ClaimPlan<Kind extends string> =
  /** `open`: the stored window is older (or absent), start window `window` with these tokens; `add`: add them to it. */
  | { readonly action: 'open' | 'add'; readonly window: number; readonly tokens: Tokens<Kind> }
  | { readonly action: 'exhausted'; readonly retryAfterMs: number };

/**
 * What to claim now, given the item as last seen. `needed` is the kind the caller is about to
 * spend; `alongside` are kinds taken in the same update because the caller usually spends them
 * too (one write instead of two), claimed only while they have tokens left.
 */
export function planClaim<Kind extends string>(
  stored: StoredWindow | undefined,
  now: number,
  limits: BudgetLimits<Kind>,
  needed: Kind,
  alongside: readonly Kind[] = [],
): ClaimPlan<Kind> {
  const window = windowOf(now);
  // Another container's clock is already in a later window: its count stands until ours gets there.
  if (stored && stored.window > window) return { action: 'exhausted', retryAfterMs: msUntilNextWindow(now) };
  const opening = !stored || stored.window < window;
  const tokens: Partial<Record<Kind, number>> = {};
  for (const kind of [needed, ...alongside.filter((other) => other !== needed)]) {
    const taken = opening ? 0 : (stored.taken[kind] ?? 0);
    const left = Math.max(0, limits[kind].perSecond - taken);
    const take = Math.min(limits[kind].block, left);
    if (take > 0) tokens[kind] = take;
  }
  if (!tokens[needed]) return { action: 'exhausted', retryAfterMs: msUntilNextWindow(now) };
  return { action: opening ? 'open' : 'add', window, tokens };
}

/** Tokens a container holds for one window, spent in memory. */
export interface Lease<Kind extends string> {
  readonly window: number;
  readonly remaining: Partial<Record<Kind, number>>;
}

/** Spends one token of `kind` from the lease when it is for the current window and has one; false otherwise. */
export function spendFromLease<Kind extends string>(
  lease: Lease<Kind> | undefined,
  now: number,
  kind: NoInfer<Kind>,
): boolean {
  if (!lease || lease.window !== windowOf(now)) return false;
  const remaining = lease.remaining[kind] ?? 0;
  if (remaining <= 0) return false;
  lease.remaining[kind] = remaining - 1;
  return true;
}
