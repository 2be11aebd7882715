import { BudgetExhaustedError } from '../../../shared/errors';
import type { BudgetKey, BudgetStore, ClaimResult } from '../../../shared/provider-budget/budget-store';
import {
  applyClaims,
  BUDGET_SLOTS,
  slotOf,
  windowOf,
  type BudgetLimits,
  type StoredWindow,
  type WindowClaim,
} from '../../../shared/provider-budget/budget-window';
import { ProviderBudget } from '../../../shared/provider-budget/provider-budget';

type Kind = 'read' | 'write';
const limits: BudgetLimits<Kind> = { read: { perSecond: 100, block: 20 }, write: { perSecond: 25, block: 5 } };

/** The conditional updates of DynamoBudgetStore, in memory: one item of slots per budget, refused claims answer the item. */
class InMemoryBudgetStore implements BudgetStore {
  readonly items = new Map<string, Map<number, StoredWindow>>();
  claims = 0;

  async claim<K extends string>(
    budget: BudgetKey,
    claims: readonly WindowClaim<K>[],
    planLimits: BudgetLimits<K>,
  ): Promise<ClaimResult> {
    await Promise.resolve();
    this.claims += 1;
    const key = `${budget.provider}#${budget.scope}`;
    const slots = this.items.get(key) ?? new Map<number, StoredWindow>();
    const refused = claims.some((claim) => {
      const slot = slots.get(slotOf(claim.window));
      if (claim.action === 'open') return slot !== undefined && slot.window >= claim.window;
      return (
        slot?.window !== claim.window ||
        (Object.entries(claim.tokens) as [K, number][]).some(
          ([kind, count]) =>
            (slot.taken[kind] ?? 0) >
            Math.min(planLimits[kind].perSecond - count, claim.takenAtMost?.[kind] ?? Number.POSITIVE_INFINITY),
        )
      );
    });
    if (refused) return { claimed: false, stored: this.items.has(key) ? this.windowsOf(key) : undefined };
    this.items.set(key, new Map(applyClaims([...slots.values()], claims).map((slot) => [slotOf(slot.window), slot])));
    return { claimed: true };
  }

  windowsOf(key: string): StoredWindow[] {
    return [...(this.items.get(key)?.values() ?? [])].map((slot) => ({
      window: slot.window,
      taken: { ...slot.taken },
    }));
  }

  taken(key: string, window: number): StoredWindow['taken'] | undefined {
    return this.items.get(key)?.get(slotOf(window))?.taken;
  }
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
    now = start + BUDGET_SLOTS * 1_000;
    await budget.spend('ws-1', 'write');

    // Assess
    expect(first).toBeInstanceOf(BudgetExhaustedError);
    expect((first as BudgetExhaustedError).retryAfterMs).toBe(400);
    expect((first as BudgetExhaustedError).budget).toBe('attio:ws-1:write');
    expect(again).toBeInstanceOf(BudgetExhaustedError);
    // The next window's block was taken ahead with the first claim; the one more claim is the
    // first window the item's slots did not reach.
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
    expect(store.taken('attio#ws-1', windowOf(start))).toEqual({ read: 20, write: 5 });
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

  it('makes a quiet workspace, one call a second, cost one claim per BUDGET_SLOTS seconds', async () => {
    // Prepare
    const store = new InMemoryBudgetStore();
    let now = start + 300;
    const budget = new ProviderBudget(store, { provider: 'attio', limits, claimAlongside: ['write'], now: () => now });

    // Act: a change every 1.1 s for 40 s, each a read then a write (the worker claims writes alongside).
    for (; now < start + 40_000; now += 1_100) {
      await budget.spend('ws-quiet', 'read');
      await budget.spend('ws-quiet', 'write');
    }

    // Assess
    expect(store.claims).toBeLessThanOrEqual(Math.ceil(40 / BUDGET_SLOTS) + 1);
  });

  it('lets a second container into windows the first opened ahead, without passing the limit', async () => {
    // Prepare: the first container claims once (opening the coming windows), then goes quiet.
    const store = new InMemoryBudgetStore();
    let now = start + 100;
    const first = new ProviderBudget(store, { provider: 'attio', limits, now: () => now });
    const second = new ProviderBudget(store, { provider: 'attio', limits, now: () => now });
    await first.spend('ws-1', 'write');
    now = start + 2_100;

    // Act: the second container takes all it can in a window the first holds a block of.
    let spent = 0;
    for (let call = 0; call < 40; call += 1) {
      try {
        await second.spend('ws-1', 'write');
        spent += 1;
      } catch (error) {
        if (!(error instanceof BudgetExhaustedError)) throw error;
      }
    }

    // Assess: everything but the first container's block, and the window stays at the limit.
    expect(spent).toBe(20);
    expect(store.taken('attio#ws-1', windowOf(now))?.write).toBe(25);
  });

  it('claims the writes of the windows its reads opened ahead once, for a worker told nothing alongside', async () => {
    // Prepare
    const store = new InMemoryBudgetStore();
    let now = start + 300;
    const budget = new ProviderBudget(store, { provider: 'attio', limits, now: () => now });

    // Act
    for (; now < start + 40_000; now += 1_100) {
      await budget.spend('ws-quiet', 'read');
      await budget.spend('ws-quiet', 'write');
    }

    // Assess: a read claim and a write claim per BUDGET_SLOTS seconds.
    expect(store.claims).toBeLessThanOrEqual(2 * (Math.ceil(40 / BUDGET_SLOTS) + 1));
  });
});
