import { ConfigurationError, PermanentError } from '../../../shared/errors';
import {
  circuitBreakerPolicyFrom,
  CircuitOpenError,
  defaultCircuitBreakerPolicy,
  writeAllowance,
  writesInWindow,
  writeWindowAt,
} from '../../../shared/sync/circuit-breaker';

const policy = { maxWrites: 20, windowMinutes: 10 };
const windowMs = 10 * 60_000;

describe('the write window', () => {
  it('puts moments of one window-sized stretch of time in one bucket', () => {
    const start = new Date(42 * windowMs);
    expect(writeWindowAt(policy, start)).toMatchObject({ bucket: 42, elapsed: 0 });
    expect(writeWindowAt(policy, new Date(42 * windowMs + windowMs / 4))).toMatchObject({ bucket: 42, elapsed: 0.25 });
    expect(writeWindowAt(policy, new Date(43 * windowMs - 1)).bucket).toBe(42);
    expect(writeWindowAt(policy, new Date(43 * windowMs)).bucket).toBe(43);
  });

  it('keeps a bucket until it can no longer be the previous one', () => {
    const { expiresAt } = writeWindowAt(policy, new Date(42 * windowMs + 1));
    expect(expiresAt * 1000).toBeGreaterThanOrEqual(44 * windowMs);
    expect(expiresAt * 1000).toBeLessThan(44 * windowMs + 5 * 60_000);
  });
});

describe('the write allowance', () => {
  it('admits maxWrites writes when the previous bucket is empty', () => {
    expect(writeAllowance(policy, 0, 0.5)).toBe(20);
  });

  it('carries the part of the previous bucket still inside the window', () => {
    // 16 writes last bucket, a quarter into this one: three quarters of them (12) still count.
    expect(writeAllowance(policy, 16, 0.25)).toBe(8);
    expect(writeAllowance(policy, 16, 0.75)).toBe(16);
  });

  it('admits nothing while the previous bucket alone is over the limit', () => {
    expect(writeAllowance(policy, 40, 0.1)).toBe(0);
  });

  it('cannot be crossed at a bucket boundary by a loop that filled the previous bucket', () => {
    // A loop that wrote maxWrites just before the boundary gets (almost) nothing just after it.
    expect(writeAllowance(policy, 20, 0.01)).toBe(0);
    expect(writeAllowance(policy, 20, 0.01) + 20).toBeLessThanOrEqual(policy.maxWrites + 1);
  });

  it('estimates the writes of the last window the same way', () => {
    expect(writesInWindow(16, 3, 0.25)).toBe(15);
    expect(writesInWindow(0, 21, 0.9)).toBe(21);
  });
});

describe('the policy', () => {
  it('is 20 writes in 10 minutes unless the environment says otherwise', () => {
    expect(circuitBreakerPolicyFrom({})).toEqual(defaultCircuitBreakerPolicy);
    expect(defaultCircuitBreakerPolicy).toEqual({ maxWrites: 20, windowMinutes: 10 });
  });

  it('is read from the environment', () => {
    expect(circuitBreakerPolicyFrom({ CIRCUIT_BREAKER_MAX_WRITES: '5', CIRCUIT_BREAKER_WINDOW_MINUTES: '1' })).toEqual({
      maxWrites: 5,
      windowMinutes: 1,
    });
    expect(circuitBreakerPolicyFrom({ CIRCUIT_BREAKER_MAX_WRITES: '50' })).toEqual({
      maxWrites: 50,
      windowMinutes: 10,
    });
  });

  it.each(['0', '-3', '2.5', 'many'])('refuses %p as a limit at init', (value) => {
    expect(() => circuitBreakerPolicyFrom({ CIRCUIT_BREAKER_MAX_WRITES: value })).toThrow(ConfigurationError);
  });
});

describe('a refused write', () => {
  it('is permanent for its event and says the circuit is open', () => {
    const error = new CircuitOpenError('prog_1', 'partner:7', 21, policy);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.reason).toBe('circuit-open');
    expect(error.message).toMatch(
      /^circuit open: partner:7 was written about 21 times in the last 10 min \(limit 20\)/,
    );
  });
});
