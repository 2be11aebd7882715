/**
 * Partnero documents a 429 but no number, so the limit is whatever the simulator is told: a
 * fixed window per API key, like Laravel's throttle middleware (which also sends `Retry-After`
 * in seconds). Undefined means unlimited.
 */
export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

export type RateDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private limit: RateLimit | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  configure(limit: RateLimit | undefined): void {
    this.limit = limit;
    this.windows.clear();
  }

  get current(): RateLimit | undefined {
    return this.limit;
  }

  take(apiKey: string): RateDecision {
    if (this.limit === undefined) return { allowed: true, remaining: Number.POSITIVE_INFINITY };
    const now = this.now();
    let window = this.windows.get(apiKey);
    if (window === undefined || now - window.startedAt >= this.limit.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(apiKey, window);
    }
    if (window.count >= this.limit.requests) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + this.limit.windowMs - now) / 1000)),
      };
    }
    window.count += 1;
    return { allowed: true, remaining: this.limit.requests - window.count };
  }
}
