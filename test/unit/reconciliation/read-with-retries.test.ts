import { PermanentError, RateLimitedError, RetryableError } from '../../../shared/errors';
import { readWithRetries, type RetryPolicy } from '../../../shared/reconciliation/read-with-retries';

/** A read that fails with the given errors in turn, then answers. */
function flaky(...failures: Error[]) {
  const calls: number[] = [];
  const read = async () => {
    calls.push(calls.length + 1);
    const failure = failures[calls.length - 1];
    if (failure) throw failure;
    return 'page';
  };
  return { read, calls };
}

function policy(waits: number[], overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { attempts: 4, backoffMs: 100, maxWaitMs: 5_000, sleep: async (ms) => void waits.push(ms), ...overrides };
}

const later = () => Date.now() + 60_000;

describe('readWithRetries', () => {
  it('tries a read again after a 5xx or timeout, backing off', async () => {
    // Prepare
    const waits: number[] = [];
    const { read, calls } = flaky(new RetryableError('partnero answered 500'), new RetryableError('timed out'));
    // Act
    const answer = await readWithRetries(read, later(), policy(waits));
    // Assess
    expect(answer).toBe('page');
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('waits the Retry-After a 429 names', async () => {
    const waits: number[] = [];
    const { read } = flaky(new RateLimitedError('attio', 3_000));
    await expect(readWithRetries(read, later(), policy(waits))).resolves.toBe('page');
    expect(waits).toEqual([3_000]);
  });

  it('does not repeat a read retrying cannot fix', async () => {
    const { read, calls } = flaky(new PermanentError('partnero:401', 'unauthorized'));
    await expect(readWithRetries(read, later(), policy([]))).rejects.toBeInstanceOf(PermanentError);
    expect(calls).toHaveLength(1);
  });

  it('gives up after its attempts, on a wait longer than it allows, and on a wait past the deadline', async () => {
    const failing = flaky(...Array.from({ length: 5 }, () => new RetryableError('down')));
    await expect(readWithRetries(failing.read, later(), policy([], { attempts: 3 }))).rejects.toThrow('down');
    expect(failing.calls).toHaveLength(3);
    const throttled = flaky(new RateLimitedError('partnero', 60_000));
    await expect(readWithRetries(throttled.read, later(), policy([]))).rejects.toBeInstanceOf(RateLimitedError);
    const late = flaky(new RetryableError('down'));
    await expect(readWithRetries(late.read, Date.now() + 50, policy([]))).rejects.toThrow('down');
    expect(late.calls).toHaveLength(1);
  });
});
