import { createServer, request, Agent, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request and its answer as they crossed the proxy; times are `performance.now()` of this process. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly requestHeaders: IncomingHttpHeaders;
  readonly requestBody: Buffer;
  readonly status: number;
  readonly responseBody: Buffer;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** A request the proxy could not forward (it answered 502 itself): the bench's fault, not the service's. */
export interface ForwardFailure {
  readonly method: string;
  readonly path: string;
  /** The socket error's code, e.g. ECONNRESET. */
  readonly code: string;
}

export interface ObservingProxy {
  readonly url: string;
  /** Called once per finished exchange; listeners aggregate, the proxy keeps nothing. */
  onExchange(listener: (exchange: Exchange) => void): void;
  onForwardFailure(listener: (failure: ForwardFailure) => void): void;
  /** Holds every request this long before forwarding it: the network and service latency of the real thing (AWS, a provider). */
  setLatency(ms: number): void;
  stop(): Promise<void>;
}

export interface ProxyOptions {
  /** May change a request body before it is forwarded (e.g. ask DynamoDB to report consumed capacity). */
  readonly rewriteRequest?: (headers: IncomingHttpHeaders, body: Buffer) => Buffer;
}

/**
 * A loopback reverse proxy in front of an emulator, a simulator or the local API. The benchmarks
 * observe the service from outside through it (requests per operation, capacity, timings)
 * instead of adding counters to production code.
 */
export async function startObservingProxy(targetUrl: string, options: ProxyOptions = {}): Promise<ObservingProxy> {
  const target = new URL(targetUrl);
  const basePath = target.pathname.replace(/\/$/, '');
  // An idle upstream connection is dropped after 4 s, before the target's own keep-alive timeout
  // (Node's default 5 s; the simulators and the local API keep it) can close it under a request
  // being sent (ECONNRESET, answered as a 502; the likelier the busier the loop, which reads the
  // target's FIN late). Without a timeout Node's agent keeps idle sockets forever, and only with
  // one does it heed the target's `Keep-Alive: timeout=` hint. Every failed forward is reported
  // with its error code (`onForwardFailure`), so a benchmark can say what its proxies got wrong.
  const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4_000 });
  const listeners: ((exchange: Exchange) => void)[] = [];
  const failureListeners: ((failure: ForwardFailure) => void)[] = [];
  let latencyMs = 0;

  const server: Server = createServer((incoming, outgoing) => {
    const startedAt = performance.now();
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => (latencyMs > 0 ? setTimeout(forward, latencyMs) : forward()));
    function forward(): void {
      const original = Buffer.concat(chunks);
      const body = options.rewriteRequest ? options.rewriteRequest(incoming.headers, original) : original;
      const headers: IncomingHttpHeaders = {
        ...incoming.headers,
        host: target.host,
        'content-length': String(body.length),
      };
      delete headers['transfer-encoding'];
      const forwarded = request(
        {
          agent,
          hostname: target.hostname,
          port: target.port,
          path: `${basePath}${incoming.url ?? '/'}`,
          method: incoming.method,
          headers,
        },
        (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            const responseBody = Buffer.concat(answerChunks);
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            outgoing.end(responseBody, () => {
              const exchange: Exchange = {
                method: incoming.method ?? 'GET',
                path: incoming.url ?? '/',
                requestHeaders: incoming.headers,
                requestBody: body,
                status: answer.statusCode ?? 502,
                responseBody,
                startedAt,
                endedAt: performance.now(),
              };
              for (const listener of listeners) listener(exchange);
            });
          });
        },
      );
      forwarded.on('error', (error: NodeJS.ErrnoException) => {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end();
        const failure = {
          method: incoming.method ?? 'GET',
          path: incoming.url ?? '/',
          code: error.code ?? error.message,
        };
        for (const listener of failureListeners) listener(failure);
      });
      forwarded.end(body);
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    onExchange: (listener) => listeners.push(listener),
    onForwardFailure: (listener) => failureListeners.push(listener),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
