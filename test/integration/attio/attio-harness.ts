import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAttioClient, type AttioClient } from '../../../shared/attio';
import { startAttioSimulator, type AttioSimulator, type AttioSimulatorOptions } from '../../../simulators/attio';

/** A simulator with fast webhook retries and the project client on a fresh token of its default workspace. */
export interface AttioHarness {
  readonly simulator: AttioSimulator;
  readonly attio: AttioClient;
  readonly token: string;
  /** The actor Attio names for writes made with `token`. */
  readonly actor: { type: string; id: string | null };
  /** A raw call to the simulator, for what the client does not expose (status, headers, exact body). */
  raw(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  stop(): Promise<void>;
}

export async function startAttioHarness(options: AttioSimulatorOptions = {}): Promise<AttioHarness> {
  const simulator = await startAttioSimulator({
    dealsEnabled: true,
    deliveries: { retryDelaysMs: [10, 10, 10], timeoutMs: 1_000 },
    ...options,
  });
  const { token, actor } = simulator.control.issueToken();
  return {
    simulator,
    attio: createAttioClient({ apiUrl: simulator.url, accessToken: token }),
    token,
    actor,
    raw(method, path, { body, token: bearer = token, headers = {} } = {}) {
      return fetch(`${simulator.url}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    stop: () => simulator.stop(),
  };
}

export interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  /** The events of every delivery received, in order. */
  events(): {
    event_type: string;
    id: Record<string, string>;
    actor: { type: string; id: string | null };
    duplicate_record_id?: string;
  }[];
  stop(): Promise<void>;
}

/** A loopback webhook target answering the given statuses in turn, then 200. */
export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statuses.shift() ?? 200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    events: () =>
      received.flatMap(
        (delivery) => (JSON.parse(delivery.body) as { events: ReturnType<WebhookReceiver['events']> }).events,
      ),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
