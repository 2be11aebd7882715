import { createHmac } from 'node:crypto';
import type { WebhookPayloadShape } from '../present/webhook-payload-json';

/**
 * Sends signed webhook deliveries and retries them. Partnero asks receivers to answer 2xx within
 * 5 s and "retries failed webhooks" with exponential backoff; the schedule is not published, so
 * it is configuration here (tests use milliseconds). Each retry sends the same bytes, so the
 * signature and `created_at` are stable across attempts.
 */
export interface DeliveryOptions {
  /** Waits before each retry; one attempt plus one per entry. */
  readonly retryDelaysMs: readonly number[];
  /** An answer slower than this counts as a failure. */
  readonly timeoutMs: number;
  /** What `data` holds: the thinnest payload the sources allow (`documented`, the default) or the REST resource (`full`). */
  readonly payloads: WebhookPayloadShape;
}

export const defaultDeliveryOptions: DeliveryOptions = {
  retryDelaysMs: [1_000, 5_000, 30_000, 120_000, 600_000],
  timeoutMs: 5_000,
  payloads: 'documented',
};

export interface DeliveryAttempt {
  readonly at: string;
  readonly status?: number;
  readonly error?: string;
}

export interface DeliveryRecord {
  readonly id: number;
  readonly programId: string;
  readonly webhookKey: string;
  readonly event: string;
  readonly url: string;
  /** The raw body as sent; the signature covers exactly these bytes. */
  readonly body: string;
  readonly signature: string;
  readonly attempts: DeliveryAttempt[];
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
}

export interface OutgoingDelivery {
  readonly programId: string;
  readonly webhookKey: string;
  readonly event: string;
  readonly url: string;
  readonly secret: string;
  readonly body: string;
}

export class WebhookDeliverer {
  private readonly records: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = new AbortController();
  private nextId = 1;

  constructor(private options: DeliveryOptions = defaultDeliveryOptions) {}

  configure(options: Partial<DeliveryOptions>): void {
    this.options = {
      retryDelaysMs: options.retryDelaysMs ?? this.options.retryDelaysMs,
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs,
      payloads: options.payloads ?? this.options.payloads,
    };
  }

  get payloads(): WebhookPayloadShape {
    return this.options.payloads;
  }

  deliver(outgoing: OutgoingDelivery): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      programId: outgoing.programId,
      webhookKey: outgoing.webhookKey,
      event: outgoing.event,
      url: outgoing.url,
      body: outgoing.body,
      signature: createHmac('sha256', outgoing.secret).update(outgoing.body).digest('hex'),
      attempts: [],
      state: 'pending',
    };
    this.records.push(record);
    const run = this.run(record, this.stopping.signal).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return record;
  }

  /** Resolves once every delivery has succeeded or used up its retries. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  list(): DeliveryRecord[] {
    return this.records.map((record) => ({ ...record, attempts: [...record.attempts] }));
  }

  /** Cancels pending retries and forgets every delivery. */
  async reset(): Promise<void> {
    this.stopping.abort();
    await this.flush();
    this.records.length = 0;
    this.stopping = new AbortController();
  }

  private async run(record: DeliveryRecord, stop: AbortSignal): Promise<void> {
    const delays = this.options.retryDelaysMs;
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0 && !(await pause(delays[attempt - 1] ?? 0, stop))) break;
      if (await this.attempt(record, stop)) {
        record.state = 'delivered';
        return;
      }
    }
    record.state = stop.aborted ? 'cancelled' : 'failed';
  }

  private async attempt(record: DeliveryRecord, stop: AbortSignal): Promise<boolean> {
    const at = new Date().toISOString();
    try {
      const response = await fetch(record.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          signature: record.signature,
          'user-agent': 'Partnero-Webhooks/1.0 (simulator)',
        },
        body: record.body,
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), stop]),
        redirect: 'manual',
      });
      await response.arrayBuffer().catch(() => undefined);
      record.attempts.push({ at, status: response.status });
      return response.status >= 200 && response.status < 300;
    } catch (error) {
      // Duck-typed: fetch's DOMException is not an `Error` of every realm (jest's, for one).
      const { name, message } = error as { name?: unknown; message?: unknown };
      record.attempts.push({
        at,
        error: name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : String(message ?? error),
      });
      return false;
    }
  }
}

/** Waits, unless stopped first; false when stopped. */
function pause(ms: number, stop: AbortSignal): Promise<boolean> {
  if (stop.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    stop.addEventListener('abort', onAbort, { once: true });
  });
}
