import { isRetryable } from '../errors';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Wait before the second try when the provider named none; doubles each time. */
  readonly backoffMs: number;
  /** A provider asking for a longer pause than this is given up on for this run. */
  readonly maxWaitMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, backoffMs: 250, maxWaitMs: 10_000 };

/**
 * One read of the job, tried again after a provider 5xx, timeout, dropped connection or 429
 * (the clients' RetryableError; a 429 waits its Retry-After). A read is safe to repeat, and a run
 * compares thousands of records: without this one blip costs the program its whole run. Errors
 * retrying cannot fix, a wait past the deadline or past `maxWaitMs`, and the last failure are thrown.
 */
export async function readWithRetries<T>(
  read: () => Promise<T>,
  deadline: number,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.attempts) throw error;
      const waitMs = error.retryAfterMs ?? policy.backoffMs * 2 ** (attempt - 1);
      if (waitMs > policy.maxWaitMs || Date.now() + waitMs >= deadline) throw error;
      await sleep(waitMs);
    }
  }
}
