/**
 * The arithmetic of a provider budget, without AWS: fixed one-second windows on the wall clock
 * (Attio's own limiter counts per second and answers a 429 with the next second as its
 * Retry-After), a count of the tokens taken in each window per kind of call, and leases:
 * blocks of tokens a container took with one conditional update and spends in memory.
 *
 * The item counts the next BUDGET_SLOTS windows, each in the slot `window mod BUDGET_SLOTS`.
 * A claim takes a block of the current window and, in the same update, a block of each coming
 * window that nobody has opened yet (a lease ahead):
 *
 *   windows   w          w+1        w+2   …  w+15       w+16 (slot of w again)
 *   claim 1   ▓ block    ▒ ahead    ▒ ahead   ▒ ahead   │
 *   spend     ● ●        ●          (none)    ● ●       │ claim 2 opens w+16 … w+31
 *   another container in w+1: adds a block to w+1 and a second block to w+2 … w+15
 *   (as does claim 1's container when it is back for more within a second; a third adds to
 *   the current window alone)
 *
 * Why ahead: a quiet workspace's changes come a second or more apart, so without it every
 * change opened a window of its own, one write unit for a call or two. With it a quiet
 * workspace costs one claim per BUDGET_SLOTS seconds at most.
 *
 * What it cannot break: every window still holds at most the limit (a block ahead counts in
 * its window like any other), and a block left unspent at the end of its window is lost, never
 * carried over. What it can cost: a coming window holds at most two blocks ahead, its
 * opener's and a second one (`secondBlockAhead`: another container's, or the opener's own when
 * it is busy), so at most two blocks per window (two fifths of Attio's writes, four of
 * Partnero's five requests) can lie unused when their holders turn to other work, and only for a
 * workspace quiet enough that no third container had claimed there.
 */

export interface KindLimit {
  /** Calls of this kind the scope may make in one second (the provider's documented limit). */
  readonly perSecond: number;
  /** Tokens taken per claim: fewer DynamoDB writes the larger, fewer tokens wasted the smaller. */
  readonly block: number;
}

export type BudgetLimits<Kind extends string> = Readonly<Record<Kind, KindLimit>>;

export const WINDOW_MS = 1_000;

/**
 * Windows one budget item counts, the current one and those a claim may open ahead; every
 * container must agree on it. Sixteen seconds ahead at most: a container that turns to other
 * work leaves its blocks unused no longer than that, and the item (a window and a count per kind
 * per slot, about 40 bytes a slot) stays within one write unit.
 */
export const BUDGET_SLOTS = 16;

export function windowOf(now: number): number {
  return Math.floor(now / WINDOW_MS);
}

export function slotOf(window: number): number {
  return window % BUDGET_SLOTS;
}

/** Milliseconds from `now` to the start of the next window; at least 1. */
export function msUntilNextWindow(now: number): number {
  return Math.max(1, (windowOf(now) + 1) * WINDOW_MS - now);
}

/** One slot of the budget item as stored: the window it counts and the tokens taken in it per kind. */
export interface StoredWindow {
  readonly window: number;
  readonly taken: Readonly<Record<string, number | undefined>>;
}

/** The budget item as stored: its slots that count a window, in any order. */
export type StoredBudget = readonly StoredWindow[];

export type Tokens<Kind extends string> = Readonly<Partial<Record<Kind, number>>>;

/** `open`: the slot holds an older window (or none), start window `window` with these tokens; `add`: add them to it. */
export interface WindowClaim<Kind extends string> {
  readonly action: 'open' | 'add';
  readonly window: number;
  readonly tokens: Tokens<Kind>;
  /**
   * For a second block of a coming window (`secondBlockAhead`): the most of each kind the window
   * may hold before it, so two containers racing for the second place cannot both take it.
   */
  readonly takenAtMost?: Tokens<Kind>;
}

export type ClaimPlan<Kind extends string> =
  /** The current window's claim first, then the windows opened ahead; applied in one conditional update. */
  | { readonly action: 'claim'; readonly claims: readonly WindowClaim<Kind>[] }
  | { readonly action: 'exhausted'; readonly retryAfterMs: number };

export interface ClaimOptions<Kind extends string> {
  /** Kinds taken in the same update because the caller usually spends them too (one write instead of two), claimed only while they have tokens left. */
  readonly alongside?: readonly Kind[];
  /** Coming windows to open when nobody has (at most BUDGET_SLOTS - 1). @default BUDGET_SLOTS - 1 */
  readonly ahead?: number;
  /** What this container holds: a coming window it opened without the needed kind gets a block of it added. */
  readonly lease?: Lease<Kind>;
}

/**
 * What to claim now, given the item as last seen. `needed` is the kind the caller is about to
 * spend. The current window must give it a token or the plan is `exhausted`; the windows ahead
 * are only what comes with it.
 */
export function planClaim<Kind extends string>(
  stored: StoredBudget | undefined,
  now: number,
  limits: BudgetLimits<Kind>,
  needed: Kind,
  options: ClaimOptions<Kind> = {},
): ClaimPlan<Kind> {
  const window = windowOf(now);
  const kinds = [needed, ...(options.alongside ?? []).filter((other) => other !== needed)];
  const current = slotHolding(stored, window);
  // Another container's clock is already in a later window of this slot: its count stands until ours gets there.
  if (current && current.window > window) return { action: 'exhausted', retryAfterMs: msUntilNextWindow(now) };
  const opening = !current || current.window < window;
  const tokens = blockOf(kinds, limits, opening ? undefined : current);
  if (!tokens[needed]) return { action: 'exhausted', retryAfterMs: msUntilNextWindow(now) };
  const claims: WindowClaim<Kind>[] = [{ action: opening ? 'open' : 'add', window, tokens }];
  // Spent its block of this second and back for more: busier than a block a second.
  const backForMore = !opening && options.lease?.byWindow.get(window)?.[needed] !== undefined;
  const ahead = Math.min(options.ahead ?? BUDGET_SLOTS - 1, BUDGET_SLOTS - 1);
  for (let next = window + 1; next <= window + ahead; next += 1) {
    const slot = slotHolding(stored, next);
    if (!slot || slot.window < next) {
      claims.push({ action: 'open', window: next, tokens: blockOf(kinds, limits, undefined) });
      continue;
    }
    // A clock ahead counts a later window in this slot: leave it.
    if (slot.window !== next) continue;
    const held = options.lease?.byWindow.get(next);
    // Opened by this container for other kinds: add the needed kind, so a worker that reads
    // before it writes does not claim its writes one window at a time.
    if (held && held[needed] === undefined) {
      const missing = blockOf([needed], limits, slot);
      if (missing[needed]) claims.push({ action: 'add', window: next, tokens: missing });
      continue;
    }
    // Opened by one other container only, or by this one while it is back for more: a second
    // block beside the first (see `secondBlockAhead`).
    if (held && !backForMore) continue;
    const beside = secondBlockAhead(kinds, limits, slot);
    if (beside) claims.push({ action: 'add', window: next, ...beside });
  }
  return { action: 'claim', claims };
}

/**
 * A second block of a coming window that holds one, or undefined when the window is not that
 * quiet. Only while the window holds no more than one block of the needed kind (the first
 * entry of `kinds`), and only when a second block still leaves a token for anyone else: at
 * most two blocks of a window are held ahead, and a third container always finds at least one
 * token of each window to claim. Who takes it:
 *
 * - another container than the opener: a program's Partnero budget and a workspace's Attio
 *   budget are spent by both directions' workers, and whichever claims first opens the coming
 *   windows. Without this the other claimed in every window it spent in, a write unit for a
 *   call or two.
 * - the opener, when it spent its block of the current second and is back for more: a worker
 *   that makes bursts of three to five Partnero calls (a sale reads its transaction and its
 *   customer) would otherwise claim twice in every second it works in.
 *
 * What it can cost: a second block per window left unused for at most BUDGET_SLOTS seconds when
 * its holder turns to other work; every window still stays within its limit.
 */
function secondBlockAhead<Kind extends string>(
  kinds: readonly Kind[],
  limits: BudgetLimits<Kind>,
  counted: StoredWindow,
): Pick<WindowClaim<Kind>, 'tokens' | 'takenAtMost'> | undefined {
  const tokens: Partial<Record<Kind, number>> = {};
  const takenAtMost: Partial<Record<Kind, number>> = {};
  for (const kind of kinds) {
    const { perSecond, block } = limits[kind];
    const taken = counted.taken[kind] ?? 0;
    if (taken > block || taken + block >= perSecond) continue;
    tokens[kind] = block;
    takenAtMost[kind] = block;
  }
  return kinds[0] !== undefined && tokens[kinds[0]] ? { tokens, takenAtMost } : undefined;
}

/** The stored slot that `window` falls in, whatever window it counts now. */
function slotHolding(stored: StoredBudget | undefined, window: number): StoredWindow | undefined {
  return stored?.find((slot) => slotOf(slot.window) === slotOf(window));
}

/** A block of each kind, or what is left of it in `counted` (a window already open). */
function blockOf<Kind extends string>(
  kinds: readonly Kind[],
  limits: BudgetLimits<Kind>,
  counted: StoredWindow | undefined,
): Partial<Record<Kind, number>> {
  const tokens: Partial<Record<Kind, number>> = {};
  for (const kind of kinds) {
    const left = Math.max(0, limits[kind].perSecond - (counted?.taken[kind] ?? 0));
    const take = Math.min(limits[kind].block, left);
    if (take > 0) tokens[kind] = take;
  }
  return tokens;
}

/** Tokens a container holds, per window, spent in memory. */
export interface Lease<Kind extends string> {
  readonly byWindow: Map<number, Partial<Record<Kind, number>>>;
}

export function emptyLease<Kind extends string>(): Lease<Kind> {
  return { byWindow: new Map() };
}

/** Adds what a claim took to the lease, and forgets the windows that have passed. */
export function addToLease<Kind extends string>(
  lease: Lease<Kind>,
  claims: readonly WindowClaim<Kind>[],
  now: number,
): void {
  const window = windowOf(now);
  for (const passed of lease.byWindow.keys()) if (passed < window) lease.byWindow.delete(passed);
  for (const claim of claims) {
    const held: Partial<Record<Kind, number>> = lease.byWindow.get(claim.window) ?? {};
    for (const [kind, count] of Object.entries(claim.tokens) as [Kind, number][])
      held[kind] = (held[kind] ?? 0) + count;
    lease.byWindow.set(claim.window, held);
  }
}

/** Spends one token of `kind` from the lease's current window when it has one; false otherwise. */
export function spendFromLease<Kind extends string>(
  lease: Lease<Kind> | undefined,
  now: number,
  kind: NoInfer<Kind>,
): boolean {
  const held: Partial<Record<Kind, number>> | undefined = lease?.byWindow.get(windowOf(now));
  const remaining = held?.[kind] ?? 0;
  if (!held || remaining <= 0) return false;
  held[kind] = remaining - 1;
  return true;
}

/** Whether the lease holds a token of any window still to come: a scope a container should not forget yet. */
export function leaseHoldsFrom<Kind extends string>(lease: Lease<Kind>, window: number): boolean {
  return [...lease.byWindow.keys()].some((held) => held >= window);
}

/** The item as last seen after a claim was applied to it. */
export function applyClaims<Kind extends string>(
  stored: StoredBudget | undefined,
  claims: readonly WindowClaim<Kind>[],
): StoredBudget {
  const slots = new Map((stored ?? []).map((slot) => [slotOf(slot.window), slot]));
  for (const claim of claims) {
    const before = claim.action === 'add' ? slots.get(slotOf(claim.window)) : undefined;
    const taken: Record<string, number | undefined> = { ...before?.taken };
    for (const [kind, count] of Object.entries(claim.tokens) as [string, number][])
      taken[kind] = (before?.taken[kind] ?? 0) + count;
    slots.set(slotOf(claim.window), { window: claim.window, taken });
  }
  return [...slots.values()];
}
