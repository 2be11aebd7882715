import { AttioApiError } from './attio-api-error';

export interface AttioRateLimits {
  /** Requests per second per workspace; Attio documents 100 reads/s and 25 writes/s. */
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
}

export const documentedRateLimits: AttioRateLimits = { readsPerSecond: 100, writesPerSecond: 25 };

/** Per-workspace one-second windows, answering like Attio: 429 with an HTTP-date Retry-After. */
export class AttioRateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  public limits: AttioRateLimits;

  constructor(private readonly initialLimits: AttioRateLimits = documentedRateLimits) {
    this.limits = initialLimits;
  }

  /** Throws the documented 429 when the request is over the limit; returns the Retry-After to send. */
  take(workspaceId: string, kind: 'read' | 'write', now: number = Date.now()): void {
    const second = Math.floor(now / 1000);
    const key = `${workspaceId}:${kind}`;
    const window = this.windows.get(key);
    const current = window && window.second === second ? window : { second, count: 0 };
    const limit = kind === 'read' ? this.limits.readsPerSecond : this.limits.writesPerSecond;
    if (current.count >= limit) throw rateLimited(second);
    current.count += 1;
    this.windows.set(key, current);
  }

  /** Back to the limits the simulator started with, and empty windows. */
  reset(): void {
    this.windows.clear();
    this.limits = this.initialLimits;
  }
}

export class RateLimitedApiError extends AttioApiError {
  constructor(readonly retryAfter: string) {
    super(429, 'rate_limit_exceeded', 'Rate limit exceeded, please try again later', 'rate_limit_error');
  }
}

function rateLimited(second: number): RateLimitedApiError {
  return new RateLimitedApiError(new Date((second + 1) * 1000).toUTCString());
}
