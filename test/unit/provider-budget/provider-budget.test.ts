import { BudgetExhaustedError } from '../../../shared/errors';
import type { BudgetKey, BudgetStore, ClaimResult } from '../../../shared/provider-budget/budget-store';
import {
  windowOf,
  type BudgetLimits,
  type ClaimPlan,
  type StoredWindow,
} from '../../../shared/provider-budget/budget-window';
import { ProviderBudget } from '../../../shared/provider-budget/provider-budget';

type Kind = 'read' | 'write';
const limits: BudgetLimits<Kind> = { read: { perSecond: 100, block: 20 }, write: { perSecond: 25, block: 5 } };

/** The conditional updates of DynamoBudgetStore, in memory: one item per budget, refused claims answer the item. */
class InMemoryBudgetStore implements BudgetStore {
  readonly items = new Map<string, { window: number; taken: Record<string, number> }>();
  claims = 0;

  async claim<K extends string>(
    budget: BudgetKey,
    plan: Extract<ClaimPlan<K>, { action: 'open' | 'add' }>,
    planLimits: BudgetLimits<K>,
  ): Promise<ClaimResult> {
    await Promise.resolve();
    this.claims += 1;
    const key = `${budget.provider}#${budget.scope}`;
    const item = this.items.get(key);
    const tokens = Object.entries(plan.tokens) as [K, number][];
    if (plan.action === 'open') {
      if (item && item.window >= plan.window) return { claimed: false, stored: copy(item) };
      this.items.set(key, { window: plan.window, taken: Object.fromEntries(tokens) });
      return { claimed: true };
    }
    if (
      !item ||
      item.window !== plan.window ||
      tokens.some(([kind, count]) => (item.taken[kind] ?? 0) > planLimits[kind].perSecond - count)
    ) {
      return { claimed: false, stored: item && copy(item) };
    }
    for (const [kind, count] of tokens) item.taken[kind] = (item.taken[kind] ?? 0) + count;
    return { claimed: true };
  }
}

function copy(item: { window: number; taken: Record<string, number> }): StoredWindow {
  return { window: item.window, taken: { ...item.taken } };
}

const start = 1_700_000_000_000;

describe('ProviderBudget', () => {
  it('keeps every window at or under the limit across containers, and lets them use nearly all of it', async () => {
    // Prepare: four containers, one clock, each trying writes every 10 ms for three seconds.
    const store = new InMemoryBudgetStore();
    let now = start;
    const containers = Array.from(
      { length: 4 },
      () => new ProviderBudget(store, { provider: 'attio', limits, now: () => now }),
    );
    const made = new Map<number, number>();

    // Act
    for (; now < start + 3_000; now += 10) {
      await Promise.all(
        containers.map(async (budget) => {
          try {
            await budget.spend('ws-1', 'write');
            made.set(windowOf(now), (made.get(windowOf(now)) ?? 0) + 1);
          } catch (error) {
            if (!(error instanceof BudgetExhaustedError)) throw error;
          }
        }),
      );
    }

    // Assess
    expect([...made.values()].every((count) => count <= 25)).toBe(true);
    expect(Math.min(...made.values())).toBeGreaterThanOrEqual(20);
  });

  it('makes one conditional update per block, not one per call', async () => {
    // Prepare
    const store = new InMemoryBudgetStore();
    const budget = new ProviderBudget(store, { provider: 'attio', limits, now: () => start + 100 });

    // Act
    for (let call = 0; call < 25; call += 1) await budget.spend('ws-1', 'write');

    // Assess
    expect(store.claims).toBe(5);
  });

  it('throws BudgetExhaustedError carrying the time to the next window, and asks the store nothing more until the next window', async () => {
    // Prepare
    const store = new InMemoryBudgetStore();
    let now = start + 600;
    const budget = new ProviderBudget(store, { provider: 'attio', limits, now: () => now });
    for (let call = 0; call < 25; call += 1) await budget.spend('ws-1', 'write');
    const claimsWhenFull = store.claims;

    // Act
    const first = await budget.spend('ws-1', 'write').catch((caught: unknown) => caught);
    const again = await budget.spend('ws-1', 'write').catch((caught: unknown) => caught);
    now = start + 1_000;
    await budget.spend('ws-1', 'write');

    // Assess
    expect(first).toBeInstanceOf(BudgetExhaustedError);
    expect((first as BudgetExhaustedError).retryAfterMs).toBe(400);
    expect((first as BudgetExhaustedError).budget).toBe('attio:ws-1:write');
    expect(again).toBeInstanceOf(BudgetExhaustedError);
    // The one more claim is the next window's.
    expect(store.claims).toBe(claimsWhenFull + 1);
  });

  it('takes reads alongside writes in the same update when told the worker spends both', async () => {
    // Prepare
    const store = new InMemoryBudgetStore();
    const budget = new ProviderBudget(store, {
      provider: 'attio',
      limits,
      claimAlongside: ['write'],
      now: () => start,
    });

    // Act
    await budget.spend('ws-1', 'read');
    await budget.spend('ws-1', 'write');

    // Assess
    expect(store.claims).toBe(1);
    expect(store.items.get('attio#ws-1')?.taken).toEqual({ read: 20, write: 5 });
  });

  it('counts each workspace on its own', async () => {
    // Prepare
    const store = new InMemoryBudgetStore();
    const budget = new ProviderBudget(store, { provider: 'attio', limits, now: () => start });
    for (let call = 0; call < 25; call += 1) await budget.spend('ws-busy', 'write');

    // Act
    const other = budget.spend('ws-quiet', 'write');

    // Assess
    await expect(budget.spend('ws-busy', 'write')).rejects.toBeInstanceOf(BudgetExhaustedError);
    await expect(other).resolves.toBeUndefined();
  });

  it('shares one claim between calls made at once in one container', async () => {
    // Prepare
    const store = new InMemoryBudgetStore();
    const budget = new ProviderBudget(store, { provider: 'attio', limits, now: () => start });

    // Act
    await Promise.all(Array.from({ length: 5 }, () => budget.spend('ws-1', 'write')));

    // Assess
    expect(store.claims).toBe(1);
  });
});
