import type { BenchWorld } from './bench-world';
import type { Exchange } from './observing-proxy';

export type ExchangeSource = 'api' | 'sqs' | 'dynamoDb' | 'attio' | 'partnero';

export interface LoggedExchange extends Exchange {
  readonly source: ExchangeSource;
}

/** Every exchange at the world's proxies while recording, for timelines of single changes. */
export class ExchangeLog {
  private entries: LoggedExchange[] = [];
  private recording = false;

  constructor(world: BenchWorld) {
    for (const source of ['api', 'sqs', 'dynamoDb', 'attio', 'partnero'] as const) {
      world.proxies[source].onExchange((exchange) => {
        if (this.recording) this.entries.push({ ...exchange, source });
      });
    }
  }

  start(): void {
    this.entries = [];
    this.recording = true;
  }

  stop(): LoggedExchange[] {
    this.recording = false;
    return [...this.entries].sort((a, b) => a.startedAt - b.startedAt);
  }
}

export function sqsAction(exchange: Exchange): string {
  const target = String(exchange.requestHeaders['x-amz-target'] ?? '');
  return target.slice(target.indexOf('.') + 1);
}

export function jsonOf(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Milliseconds the exchanges of a source spent inside a window, overlaps merged (calls may run in parallel). */
export function busyTime(
  exchanges: readonly LoggedExchange[],
  source: ExchangeSource,
  from: number,
  to: number,
): number {
  const spans = exchanges
    .filter((exchange) => exchange.source === source && exchange.endedAt > from && exchange.startedAt < to)
    .map((exchange) => [Math.max(from, exchange.startedAt), Math.min(to, exchange.endedAt)] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [start, stop] of spans) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}
