/** How often each route was called, split into reads (GET) and writes, to assert on API usage. */
export interface RouteCount {
  reads: number;
  writes: number;
}

export class RequestCounter {
  private counts = new Map<string, RouteCount>();

  /** `route` is the path template, e.g. `/v1/partners/{id}`; unmatched paths count under their own path. */
  record(route: string, method: string): void {
    const count = this.counts.get(route) ?? { reads: 0, writes: 0 };
    if (method === 'GET' || method === 'HEAD') count.reads += 1;
    else count.writes += 1;
    this.counts.set(route, count);
  }

  snapshot(): Record<string, RouteCount> {
    return Object.fromEntries([...this.counts].map(([route, count]) => [route, { ...count }]));
  }

  totals(): RouteCount {
    let reads = 0;
    let writes = 0;
    for (const count of this.counts.values()) {
      reads += count.reads;
      writes += count.writes;
    }
    return { reads, writes };
  }

  clear(): void {
    this.counts = new Map();
  }
}
