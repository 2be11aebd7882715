import { RateLimiter } from '../../../simulators/partnero/rate-limiter';

describe('the Partnero simulator rate limiter', () => {
  it('refuses requests over the limit within a window, saying when to come back', () => {
    // Prepare
    let now = 10_000;
    const limiter = new RateLimiter({ requests: 2, windowMs: 10_000 }, () => now);

    // Act
    const decisions = [limiter.take('k'), limiter.take('k'), limiter.take('k')];
    now += 10_000;
    const afterWindow = limiter.take('k');

    // Assess
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(decisions[2]).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(afterWindow.allowed).toBe(true);
  });

  it('keeps a separate window per API key and none when no limit is set', () => {
    // Prepare
    const limited = new RateLimiter({ requests: 1, windowMs: 1_000 });
    const unlimited = new RateLimiter(undefined);

    // Act
    const first = [limited.take('a'), limited.take('b')];
    const many = Array.from({ length: 100 }, () => unlimited.take('a'));

    // Assess
    expect(first.every((decision) => decision.allowed)).toBe(true);
    expect(many.every((decision) => decision.allowed)).toBe(true);
  });
});
