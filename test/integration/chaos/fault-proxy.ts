import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultPlan } from '../../../simulators/partnero/server/fault-injector';
import type { SeededRandom } from './seeded-random';

export interface ProviderChaos {
  /** Probability that a request is answered 429 (with Retry-After) by the simulator's fault injector. */
  readonly rateLimited: number;
  /** Probability that a request is answered 500 by the simulator's fault injector. */
  readonly serverError: number;
  /**
   * Probability that a request times out AFTER the provider handled it: the answer is withheld
   * for `timeoutHoldMs` and the connection is cut, so the caller cannot know whether its write
   * went through (the hard case for "exactly once").
   */
  readonly timeout: number;
  readonly timeoutHoldMs: number;
}

export interface ProxyFigures {
  requests: number;
  rateLimited: number;
  serverErrors: number;
  timeouts: number;
}

/**
 * Stands between the workers and one simulator's API and makes the provider unreliable per
 * request: 429s and 500s come from the simulator's own fault injector (armed for the very
 * next request, which this proxy then sends, so they carry the provider's own error shape and
 * are answered before anything is applied); timeouts are made here, after the simulator answered.
 */
export class FaultProxy {
  readonly figures: ProxyFigures = { requests: 0, rateLimited: 0, serverErrors: 0, timeouts: 0 };
  private server: Server | undefined;
  private armed = Promise.resolve();
  /** While set, requests pass untouched (and draw nothing from the random stream). */
  paused = false;
  private ownUrl = '';
  private cuts: { method: string; pathPrefix: string }[] = [];

  /** The next request with this method and path prefix is handled by the provider and its answer lost, at once. */
  cutNext(method: string, pathPrefix: string): void {
    this.cuts.push({ method, pathPrefix });
  }

  constructor(
    private readonly upstreamUrl: string,
    private readonly injectFault: (plan: FaultPlan) => void,
    private readonly random: SeededRandom,
    private readonly chaos: ProviderChaos,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        (answer) => {
          if (answer === 'cut') {
            response.destroy();
            return;
          }
          response.writeHead(answer.status, answer.headers).end(answer.body);
        },
        () => response.destroy(),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.ownUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.ownUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(
    request: IncomingMessage,
  ): Promise<'cut' | { status: number; headers: Record<string, string>; body: Buffer }> {
    const body = await readBody(request);
    this.figures.requests += 1;
    const draw = this.paused ? 1 : this.random.next();
    const { rateLimited, serverError, timeout } = this.chaos;
    let fault: FaultPlan | undefined;
    if (draw < rateLimited) fault = { kind: '429', retryAfterSeconds: 1 };
    else if (draw < rateLimited + serverError) fault = { kind: '500' };
    const cut = this.cuts.findIndex(
      (candidate) => candidate.method === request.method && (request.url ?? '').startsWith(candidate.pathPrefix),
    );
    if (cut >= 0) this.cuts.splice(cut, 1);
    const timesOut = cut >= 0 || (!fault && draw < rateLimited + serverError + timeout);

    // One request at a time between arming a fault and sending it, so the fault hits this request.
    const send = async () => {
      if (fault) this.injectFault({ ...fault, count: 1 });
      return fetch(`${this.upstreamUrl}${request.url ?? '/'}`, {
        method: request.method,
        headers: forwardedHeaders(request),
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(body),
      });
    };
    const upstream = fault ? await this.exclusively(send) : await send();
    // Absolute links in answers (Partnero's `links.next`) name the proxy, as a reverse proxy rewrites them.
    const answer = Buffer.from((await upstream.text()).replaceAll(this.upstreamUrl, this.ownUrl));
    if (fault?.kind === '429') this.figures.rateLimited += 1;
    if (fault?.kind === '500') this.figures.serverErrors += 1;
    if (timesOut) {
      this.figures.timeouts += 1;
      if (cut < 0) await new Promise((resolve) => setTimeout(resolve, this.chaos.timeoutHoldMs));
      return 'cut';
    }
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name))
        headers[name] = value;
    });
    return { status: upstream.status, headers, body: answer };
  }

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.armed.then(work);
    this.armed = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}

function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
  }
  return headers;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
