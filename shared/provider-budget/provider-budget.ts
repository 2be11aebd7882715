import { BudgetExhaustedError, type ProviderName } from '../errors';
import type { BudgetStore } from './budget-store';
import {
  addToLease,
  applyClaims,
  BUDGET_SLOTS,
  emptyLease,
  leaseHoldsFrom,
  msUntilNextWindow,
  planClaim,
  spendFromLease,
  windowOf,
  type BudgetLimits,
  type Lease,
  type StoredBudget,
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
  /**
   * Coming windows a claim opens when nobody has yet (see `budget-window.ts`): a quiet workspace
   * then costs one claim per this many seconds and one, instead of one per change.
   * @default BUDGET_SLOTS - 1
   */
  readonly windowsAhead?: number;
  readonly now?: () => number;
}

/** A budget's state in this container: its lease, the item as last seen, and until when each kind is known spent. */
interface ScopeState<Kind extends string> {
  lease: Lease<Kind>;
  lastSeen: StoredBudget | undefined;
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
 * with reads alongside) that this container spends in memory for the rest of the second, and a
 * block of each coming second nobody has opened yet. A busy workspace costs at most limit /
 * block write units per second (25/5 + 100/20 = 10 WRU/s for Attio), a quiet one one write unit
 * per BUDGET_SLOTS seconds, and a change a fraction of one. A container that finds a kind spent
 * remembers it until the next window and refuses without asking DynamoDB again.
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
      const plan = planClaim(stored, now, this.options.limits, kind, {
        alongside: this.options.claimAlongside,
        ahead: this.options.windowsAhead ?? BUDGET_SLOTS - 1,
        lease: state.lease,
      });
      if (plan.action === 'exhausted') {
        state.spentUntil[kind] = now + plan.retryAfterMs;
        return;
      }
      const result = await this.store.claim(
        { provider: this.options.provider, scope },
        plan.claims,
        this.options.limits,
      );
      if (result.claimed) {
        addToLease(state.lease, plan.claims, now);
        state.lastSeen = applyClaims(stored, plan.claims);
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
      state = { lease: emptyLease(), lastSeen: undefined, spentUntil: {}, claiming: undefined };
      this.scopes.set(scope, state);
    }
    return state;
  }

  /** Drops what no longer matters: scopes with no claim in flight and no token of a window to come. */
  private forgetOldScopes(): void {
    const window = windowOf(this.now());
    for (const [scope, state] of this.scopes) {
      if (!state.claiming && !leaseHoldsFrom(state.lease, window)) this.scopes.delete(scope);
    }
  }

  private exhausted(scope: string, kind: Kind, retryAfterMs: number): BudgetExhaustedError {
    return new BudgetExhaustedError(this.options.provider, `${this.options.provider}:${scope}:${kind}`, retryAfterMs);
  }
}
