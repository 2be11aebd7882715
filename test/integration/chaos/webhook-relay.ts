import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SeededRandom } from './seeded-random';

export interface RelayChaos {
  /** Probability that a delivery reaches the service twice. */
  readonly duplicate: number;
  /** Probability that a delivery never reaches the service (needs reconciliation to recover). */
  readonly lose: number;
  /** Each copy waits a random 0..maxDelayMs before it is sent: later deliveries overtake earlier ones. */
  readonly maxDelayMs: number;
}

export interface RelayFigures {
  received: number;
  forwarded: number;
  duplicated: number;
  lost: number;
  redelivered: number;
  /** Copies that reached the service after a delivery the provider sent later. */
  reordered: number;
  /** Copies the service never accepted, even after retries: a lost message. */
  undelivered: number;
}

/**
 * The network between the providers and the service, made unreliable: both simulators send
 * their webhooks here; each is acknowledged at once (the provider is done with it) and then
 * forwarded to the service's real route, with the same body and signature headers, late, out
 * of order, sometimes twice and sometimes not at all. A copy the route does not accept with
 * 2xx is sent again, as a provider would.
 */
export class WebhookRelay {
  readonly figures: RelayFigures = {
    received: 0,
    forwarded: 0,
    duplicated: 0,
    lost: 0,
    redelivered: 0,
    reordered: 0,
    undelivered: 0,
  };
  private pending = 0;
  /** Receive order of the latest delivery the service accepted, to count those overtaken. */
  private newestAccepted = 0;
  private server: Server | undefined;
  private stopped = false;

  constructor(
    private readonly targetUrl: () => string,
    private readonly random: SeededRandom,
    private readonly chaos: RelayChaos,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then((body) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        this.accept(request.url ?? '/', request.headers, body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Deliveries received and not yet accepted by the service. */
  get inFlight(): number {
    return this.pending;
  }

  async waitUntilDelivered(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending > 0) {
      if (Date.now() > deadline)
        throw new Error(`webhook relay: ${this.pending} deliveries still in flight after ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(path: string, incoming: IncomingMessage['headers'], body: string): void {
    this.figures.received += 1;
    const sequence = this.figures.received;
    if (this.random.chance(this.chaos.lose)) {
      this.figures.lost += 1;
      return;
    }
    const copies = this.random.chance(this.chaos.duplicate) ? 2 : 1;
    if (copies === 2) this.figures.duplicated += 1;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
    }
    for (let copy = 0; copy < copies; copy += 1) {
      this.pending += 1;
      const delayMs = Math.floor(this.random.next() * this.chaos.maxDelayMs);
      setTimeout(() => {
        this.forward(path, headers, body, sequence)
          .catch(() => (this.figures.undelivered += 1))
          .finally(() => (this.pending -= 1));
      }, delayMs);
    }
  }

  private async forward(path: string, headers: Record<string, string>, body: string, sequence: number): Promise<void> {
    for (let attempt = 0; attempt < 20 && !this.stopped; attempt += 1) {
      if (attempt > 0) this.figures.redelivered += 1;
      try {
        const response = await fetch(`${this.targetUrl()}${path}`, { method: 'POST', headers, body });
        await response.arrayBuffer();
        if (response.ok) {
          this.figures.forwarded += 1;
          if (sequence < this.newestAccepted) this.figures.reordered += 1;
          this.newestAccepted = Math.max(this.newestAccepted, sequence);
          return;
        }
      } catch {
        // Refused or reset: the provider tries again later.
      }
      await sleep(100 * (attempt + 1));
    }
    throw new Error(`webhook relay: ${path} was never accepted`);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
