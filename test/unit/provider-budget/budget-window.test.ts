import {
  msUntilNextWindow,
  planClaim,
  spendFromLease,
  windowOf,
  type BudgetLimits,
  type Lease,
} from '../../../shared/provider-budget/budget-window';

type Kind = 'read' | 'write';
const limits: BudgetLimits<Kind> = { read: { perSecond: 100, block: 20 }, write: { perSecond: 25, block: 5 } };
const second = 1_700_000_000;
const at = (ms: number) => second * 1000 + ms;

describe('planClaim', () => {
  it('opens a new window with one block of the needed kind when nothing is stored', () => {
    expect(planClaim(undefined, at(10), limits, 'write')).toEqual({
      action: 'open',
      window: second,
      tokens: { write: 5 },
    });
  });

  it('opens a new window when the stored one is older, whatever it had taken', () => {
    expect(planClaim({ window: second - 1, taken: { write: 25 } }, at(0), limits, 'write', ['read'])).toEqual({
      action: 'open',
      window: second,
      tokens: { write: 5, read: 20 },
    });
  });

  it('adds a block to the current window while the limit has room for it', () => {
    expect(planClaim({ window: second, taken: { write: 15, read: 0 } }, at(500), limits, 'write')).toEqual({
      action: 'add',
      window: second,
      tokens: { write: 5 },
    });
  });

  it('takes only what is left when less than a block remains', () => {
    expect(planClaim({ window: second, taken: { write: 23 } }, at(500), limits, 'write')).toEqual({
      action: 'add',
      window: second,
      tokens: { write: 2 },
    });
  });

  it('is exhausted until the next window when the needed kind is spent, even if another kind has room', () => {
    expect(planClaim({ window: second, taken: { write: 25, read: 3 } }, at(700), limits, 'write', ['read'])).toEqual({
      action: 'exhausted',
      retryAfterMs: 300,
    });
  });

  it('claims a kind alongside only while it has room, and never lets it block the needed one', () => {
    expect(planClaim({ window: second, taken: { write: 25, read: 90 } }, at(100), limits, 'read', ['write'])).toEqual({
      action: 'add',
      window: second,
      tokens: { read: 10 },
    });
  });

  it('waits for the next window of its own clock when another container already counts a later one', () => {
    expect(planClaim({ window: second + 1, taken: { write: 1 } }, at(950), limits, 'write')).toEqual({
      action: 'exhausted',
      retryAfterMs: 50,
    });
  });
});

describe('spendFromLease', () => {
  it('spends tokens of the current window until none is left', () => {
    const lease: Lease<Kind> = { window: second, remaining: { write: 2 } };
    expect([
      spendFromLease(lease, at(1), 'write'),
      spendFromLease(lease, at(2), 'write'),
      spendFromLease(lease, at(3), 'write'),
    ]).toEqual([true, true, false]);
  });

  it('never carries a token into the next window', () => {
    const lease: Lease<Kind> = { window: second, remaining: { write: 5 } };
    expect(spendFromLease(lease, at(1000), 'write')).toBe(false);
    expect(lease.remaining.write).toBe(5);
  });

  it('has no token of a kind it did not claim', () => {
    const readsOnly: Lease<Kind> = { window: second, remaining: { read: 3 } };
    expect(spendFromLease(readsOnly, at(1), 'write')).toBe(false);
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
