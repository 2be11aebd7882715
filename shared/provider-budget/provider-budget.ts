import { BudgetExhaustedError, type ProviderName } from '../errors';
import type { BudgetStore } from './budget-store';
import {
  msUntilNextWindow,
  planClaim,
  spendFromLease,
  windowOf,
  type BudgetLimits,
  type Lease,
  type StoredWindow,
} from './budget-window';

export interface ProviderBudgetOptions<Kind extends string> {
  readonly provider: ProviderName;
  readonly limits: BudgetLimits<Kind>;
  /**
   * Kinds taken in the same conditional update as the one needed, because this worker spends
   * them together (the Partnero -> Attio worker reads, then writes): one write unit per window
   * instead of one per kind. A read-only worker lists none, so it never holds write tokens.
   */
  readonly claimAlongside?: readonly NoInfer<Kind>[];
  readonly now?: () => number;
}

/** A budget's state in this container: its lease, the item as last seen, and until when each kind is known spent. */
interface ScopeState<Kind extends string> {
  lease: Lease<Kind> | undefined;
  lastSeen: StoredWindow | undefined;
  spentUntil: Partial<Record<Kind, number>>;
  claiming: Promise<void> | undefined;
}

/** Refused conditional updates in a row before a container gives the window up (others are claiming it). */
const MAX_CLAIM_ATTEMPTS = 3;
/** Containers remember this many budgets; a worker serves many programs, but not all at once. */
const MAX_SCOPES = 1_000;

/**
 * A provider's per-second budget, shared by every container through one DynamoDB item per
 * workspace or program, and enforced before each call: `spend` returns when a token was taken
 * and throws BudgetExhaustedError (with the milliseconds to the next window) when none is left.
 * It never waits: the queue worker puts the message back until then.
 *
 * Cost: one conditional update takes a block of tokens (e.g. 5 of Attio's 25 writes per second,
 * with reads alongside) that this container spends in memory for the rest of the second, so a
 * busy workspace costs at most limit / block write units per second (25/5 + 100/20 = 10 WRU/s
 * for Attio) and a change a fraction of one. A container that finds a kind spent remembers it
 * until the next window and refuses without asking DynamoDB again.
 */
export class ProviderBudget<Kind extends string> {
  private readonly scopes = new Map<string, ScopeState<Kind>>();
  private readonly now: () => number;

  constructor(
    private readonly store: BudgetStore,
    private readonly options: ProviderBudgetOptions<Kind>,
  ) {
    this.now = options.now ?? Date.now;
  }

  async spend(scope: string, kind: Kind): Promise<void> {
    const state = this.stateOf(scope);
    for (let attempt = 0; attempt <= MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const now = this.now();
      const spentUntil = state.spentUntil[kind];
      if (spentUntil !== undefined && now < spentUntil) throw this.exhausted(scope, kind, spentUntil - now);
      if (spendFromLease(state.lease, now, kind)) return;
      // One claim at a time per budget in a container: concurrent calls share its block.
      state.claiming ??= this.claim(scope, state, kind, now).finally(() => (state.claiming = undefined));
      await state.claiming;
    }
    throw this.exhausted(scope, kind, msUntilNextWindow(this.now()));
  }

  private async claim(scope: string, state: ScopeState<Kind>, kind: Kind, now: number): Promise<void> {
    let stored = state.lastSeen;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const plan = planClaim(stored, now, this.options.limits, kind, this.options.claimAlongside);
      if (plan.action === 'exhausted') {
        state.spentUntil[kind] = now + plan.retryAfterMs;
        return;
      }
      const result = await this.store.claim({ provider: this.options.provider, scope }, plan, this.options.limits);
      if (result.claimed) {
        state.lease = { window: plan.window, remaining: { ...plan.tokens } };
        const before = plan.action === 'add' ? stored : undefined;
        state.lastSeen = { window: plan.window, taken: { ...before?.taken, ...addTokens(before, plan.tokens) } };
        return;
      }
      stored = result.stored;
      state.lastSeen = stored;
    }
    // Refused each time: other containers are taking this window; ours is better spent waiting for the next.
    state.spentUntil[kind] = now + msUntilNextWindow(now);
  }

  private stateOf(scope: string): ScopeState<Kind> {
    let state = this.scopes.get(scope);
    if (!state) {
      if (this.scopes.size >= MAX_SCOPES) this.forgetOldScopes();
      state = { lease: undefined, lastSeen: undefined, spentUntil: {}, claiming: undefined };
      this.scopes.set(scope, state);
    }
    return state;
  }

  /** Drops what no longer matters: leases of past windows, nothing in flight. */
  private forgetOldScopes(): void {
    const window = windowOf(this.now());
    for (const [scope, state] of this.scopes) {
      if (!state.claiming && (state.lease?.window ?? 0) < window) this.scopes.delete(scope);
    }
  }

  private exhausted(scope: string, kind: Kind, retryAfterMs: number): BudgetExhaustedError {
    return new BudgetExhaustedError(this.options.provider, `${this.options.provider}:${scope}:${kind}`, retryAfterMs);
  }
}

function addTokens<Kind extends string>(
  stored: StoredWindow | undefined,
  tokens: Partial<Record<Kind, number>>,
): Record<string, number> {
  const taken: Record<string, number> = {};
  for (const [kind, count] of Object.entries(tokens) as [string, number][])
    taken[kind] = (stored?.taken[kind] ?? 0) + count;
  return taken;
}
