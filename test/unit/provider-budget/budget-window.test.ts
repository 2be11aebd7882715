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
} from '../../../shared/provider-budget/budget-window';

type Kind = 'read' | 'write';
const limits: BudgetLimits<Kind> = { read: { perSecond: 100, block: 20 }, write: { perSecond: 25, block: 5 } };
// A multiple of BUDGET_SLOTS, so that `second` falls in slot 0.
const second = 1_700_000_000;
const at = (ms: number) => second * 1000 + ms;
/** Windows ahead for plans that look at the current window alone. */
const noneAhead = 0;

describe('planClaim, the current window', () => {
  it('opens a new window with one block of the needed kind when nothing is stored', () => {
    expect(planClaim(undefined, at(10), limits, 'write', { ahead: noneAhead })).toEqual({
      action: 'claim',
      claims: [{ action: 'open', window: second, tokens: { write: 5 } }],
    });
  });

  it('opens a new window when its slot holds an older one, whatever it had taken', () => {
    const stored = [{ window: second - BUDGET_SLOTS, taken: { write: 25 } }];
    expect(planClaim(stored, at(0), limits, 'write', { alongside: ['read'], ahead: noneAhead })).toEqual({
      action: 'claim',
      claims: [{ action: 'open', window: second, tokens: { write: 5, read: 20 } }],
    });
  });

  it('adds a block to the current window while the limit has room for it', () => {
    const stored = [{ window: second, taken: { write: 15, read: 0 } }];
    expect(planClaim(stored, at(500), limits, 'write', { ahead: noneAhead })).toEqual({
      action: 'claim',
      claims: [{ action: 'add', window: second, tokens: { write: 5 } }],
    });
  });

  it('takes only what is left when less than a block remains', () => {
    const stored = [{ window: second, taken: { write: 23 } }];
    expect(planClaim(stored, at(500), limits, 'write', { ahead: noneAhead })).toEqual({
      action: 'claim',
      claims: [{ action: 'add', window: second, tokens: { write: 2 } }],
    });
  });

  it('is exhausted until the next window when the needed kind is spent, even if another kind has room', () => {
    const stored = [{ window: second, taken: { write: 25, read: 3 } }];
    expect(planClaim(stored, at(700), limits, 'write', { alongside: ['read'] })).toEqual({
      action: 'exhausted',
      retryAfterMs: 300,
    });
  });

  it('claims a kind alongside only while it has room, and never lets it block the needed one', () => {
    const stored = [{ window: second, taken: { write: 25, read: 90 } }];
    expect(planClaim(stored, at(100), limits, 'read', { alongside: ['write'], ahead: noneAhead })).toEqual({
      action: 'claim',
      claims: [{ action: 'add', window: second, tokens: { read: 10 } }],
    });
  });

  it('waits for the next window of its own clock when another container already counts a later one in its slot', () => {
    const stored = [{ window: second + BUDGET_SLOTS, taken: { write: 1 } }];
    expect(planClaim(stored, at(950), limits, 'write')).toEqual({ action: 'exhausted', retryAfterMs: 50 });
  });
});

describe('planClaim, the windows ahead', () => {
  it('opens a block of every coming window of the item when nobody has opened them', () => {
    const plan = planClaim(undefined, at(10), limits, 'write', { alongside: ['read'] });
    expect(plan).toMatchObject({ action: 'claim' });
    const claims = plan.action === 'claim' ? plan.claims : [];
    expect(claims.map((claim) => [claim.action, claim.window - second])).toEqual(
      Array.from({ length: BUDGET_SLOTS }, (_, offset) => ['open', offset]),
    );
    expect(claims.every((claim) => claim.tokens.write === 5 && claim.tokens.read === 20)).toBe(true);
  });

  it('leaves a coming window alone that another container opened (a busy workspace), and still opens the rest', () => {
    const stored = [
      { window: second, taken: { write: 5 } },
      { window: second + 1, taken: { write: 25 } },
      { window: second + 3 - BUDGET_SLOTS, taken: { write: 25 } },
    ];
    const plan = planClaim(stored, at(400), limits, 'write', { ahead: 3 });
    expect(plan).toEqual({
      action: 'claim',
      claims: [
        { action: 'add', window: second, tokens: { write: 5 } },
        { action: 'open', window: second + 2, tokens: { write: 5 } },
        { action: 'open', window: second + 3, tokens: { write: 5 } },
      ],
    });
  });

  it('never reaches past the slots of one item, however many windows ahead are asked for', () => {
    const plan = planClaim(undefined, at(10), limits, 'write', { ahead: 100 });
    expect(plan.action === 'claim' && plan.claims).toHaveLength(BUDGET_SLOTS);
  });

  it('opens nothing ahead when the current window has nothing left: the caller waits instead', () => {
    const stored = [{ window: second, taken: { write: 25 } }];
    expect(planClaim(stored, at(10), limits, 'write')).toMatchObject({ action: 'exhausted' });
  });
});

describe('planClaim, the kinds of windows it opened ahead', () => {
  it('adds the needed kind to a coming window this container opened for another kind', () => {
    const stored = [
      { window: second, taken: { read: 20 } },
      { window: second + 1, taken: { read: 20, write: 0 } },
    ];
    const lease: Lease<Kind> = {
      byWindow: new Map([
        [second, { read: 19 }],
        [second + 1, { read: 20 }],
      ]),
    };
    expect(planClaim(stored, at(10), limits, 'write', { ahead: 1, lease })).toEqual({
      action: 'claim',
      claims: [
        { action: 'add', window: second, tokens: { write: 5 } },
        { action: 'add', window: second + 1, tokens: { write: 5 } },
      ],
    });
  });

  it('takes a block beside the one other container that opened a coming window', () => {
    const stored = [
      { window: second, taken: { read: 20 } },
      { window: second + 1, taken: { read: 20, write: 5 } },
    ];
    const lease: Lease<Kind> = { byWindow: new Map([[second, { read: 19 }]]) };
    expect(planClaim(stored, at(10), limits, 'write', { alongside: ['read'], ahead: 1, lease })).toEqual({
      action: 'claim',
      claims: [
        { action: 'add', window: second, tokens: { write: 5, read: 20 } },
        { action: 'add', window: second + 1, tokens: { write: 5, read: 20 }, takenAtMost: { write: 5, read: 20 } },
      ],
    });
  });

  it('takes a second block of the coming windows it holds one of when it is back for more within a second', () => {
    const stored = [
      { window: second, taken: { write: 5 } },
      { window: second + 1, taken: { write: 5 } },
      { window: second + 2, taken: { write: 10 } },
    ];
    const lease: Lease<Kind> = {
      byWindow: new Map([
        [second, { write: 0 }],
        [second + 1, { write: 5 }],
        [second + 2, { write: 5 }],
      ]),
    };
    expect(planClaim(stored, at(600), limits, 'write', { ahead: 2, lease })).toEqual({
      action: 'claim',
      claims: [
        { action: 'add', window: second, tokens: { write: 5 } },
        { action: 'add', window: second + 1, tokens: { write: 5 }, takenAtMost: { write: 5 } },
      ],
    });
  });

  it('takes no second block ahead on its first claim of a second', () => {
    const stored = [
      { window: second, taken: { write: 5 } },
      { window: second + 1, taken: { write: 5 } },
    ];
    const lease: Lease<Kind> = { byWindow: new Map([[second + 1, { write: 5 }]]) };
    expect(planClaim(stored, at(600), limits, 'write', { ahead: 1, lease })).toEqual({
      action: 'claim',
      claims: [{ action: 'add', window: second, tokens: { write: 5 } }],
    });
  });

  it('adds nothing to a coming window two containers hold already: a third finds it as they left it', () => {
    const stored = [
      { window: second, taken: { write: 10 } },
      { window: second + 1, taken: { write: 10 } },
    ];
    expect(planClaim(stored, at(10), limits, 'write', { ahead: 1 })).toEqual({
      action: 'claim',
      claims: [{ action: 'add', window: second, tokens: { write: 5 } }],
    });
  });

  it('adds nothing to a coming window where a second block would leave no token for anyone else', () => {
    const partnero: BudgetLimits<'request'> = { request: { perSecond: 4, block: 2 } };
    const stored = [
      { window: second, taken: { request: 2 } },
      { window: second + 1, taken: { request: 2 } },
    ];
    expect(planClaim(stored, at(10), partnero, 'request', { ahead: 1 })).toEqual({
      action: 'claim',
      claims: [{ action: 'add', window: second, tokens: { request: 2 } }],
    });
  });

  it("gives the two directions' workers of a Partnero program a block each of every coming window, one token spare", () => {
    const partnero: BudgetLimits<'request'> = { request: { perSecond: 5, block: 2 } };
    const opened = planClaim(undefined, at(10), partnero, 'request', { ahead: 2 });
    const afterFirst = applyClaims(undefined, opened.action === 'claim' ? opened.claims : []);
    const beside = planClaim(afterFirst, at(500), partnero, 'request', { ahead: 2 });
    const afterSecond = applyClaims(afterFirst, beside.action === 'claim' ? beside.claims : []);
    expect(afterSecond.map((slot) => [slot.window - second, slot.taken.request])).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
    ]);
  });
});

describe('applyClaims', () => {
  it('is the item as the store holds it after the claims: opened slots replaced, added ones summed', () => {
    const stored = [
      { window: second, taken: { write: 10 } },
      { window: second + 1 - BUDGET_SLOTS, taken: { write: 25 } },
    ];
    const seen = applyClaims(stored, [
      { action: 'add', window: second, tokens: { write: 5 } },
      { action: 'open', window: second + 1, tokens: { write: 5 } },
    ]);
    expect(seen).toEqual(
      expect.arrayContaining([
        { window: second, taken: { write: 15 } },
        { window: second + 1, taken: { write: 5 } },
      ]),
    );
    expect(seen).toHaveLength(2);
  });
});

describe('leases', () => {
  const leaseOf = (byWindow: [number, Partial<Record<Kind, number>>][]): Lease<Kind> => ({
    byWindow: new Map(byWindow),
  });

  it('spend tokens of the current window until none is left', () => {
    const lease = leaseOf([[second, { write: 2 }]]);
    expect([
      spendFromLease(lease, at(1), 'write'),
      spendFromLease(lease, at(2), 'write'),
      spendFromLease(lease, at(3), 'write'),
    ]).toEqual([true, true, false]);
  });

  it('never carry a token of one window into the next', () => {
    const lease = leaseOf([[second, { write: 5 }]]);
    expect(spendFromLease(lease, at(1000), 'write')).toBe(false);
    expect(lease.byWindow.get(second)?.write).toBe(5);
  });

  it('spend a window taken ahead once its second comes, and not before', () => {
    const lease = leaseOf([[second + 2, { write: 1 }]]);
    expect(spendFromLease(lease, at(1500), 'write')).toBe(false);
    expect(spendFromLease(lease, at(2100), 'write')).toBe(true);
  });

  it('have no token of a kind they did not claim', () => {
    expect(spendFromLease(leaseOf([[second, { read: 3 }]]), at(1), 'write')).toBe(false);
  });

  it('add what a claim took to what they hold, and forget the windows that have passed', () => {
    const lease = emptyLease<Kind>();
    addToLease(lease, [{ action: 'open', window: second - 1, tokens: { write: 5 } }], at(-500));
    addToLease(
      lease,
      [
        { action: 'add', window: second, tokens: { write: 2 } },
        { action: 'open', window: second + 1, tokens: { write: 5 } },
      ],
      at(100),
    );
    addToLease(lease, [{ action: 'add', window: second, tokens: { write: 3 } }], at(200));
    expect([...lease.byWindow.entries()]).toEqual([
      [second, { write: 5 }],
      [second + 1, { write: 5 }],
    ]);
    expect(leaseHoldsFrom(lease, second + 1)).toBe(true);
    expect(leaseHoldsFrom(lease, second + 2)).toBe(false);
  });
});

describe('windows', () => {
  it('are the seconds of the wall clock', () => {
    expect(windowOf(at(999))).toBe(second);
    expect(windowOf(at(1000))).toBe(second + 1);
    expect(msUntilNextWindow(at(250))).toBe(750);
    expect(msUntilNextWindow(at(0))).toBe(1000);
  });
});
