import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from './attio-openapi';

export interface RecordingProxy {
  readonly url: string;
  readonly exchanges: Exchange[];
  stop(): Promise<void>;
}

/**
 * A loopback proxy in front of the simulator that keeps every request and answer it passes on,
 * so the project's clients run unchanged (including the OAuth helpers, which take no transport)
 * and what they send and get is exactly what crossed the wire.
 */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const requestBody = await readAll(request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))
          continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      try {
        const answer = await fetch(new URL(request.url ?? '/', upstream), {
          method: request.method,
          headers,
          body: requestBody === '' ? undefined : requestBody,
          redirect: 'manual',
        });
        const responseBody = await answer.text();
        exchanges.push({
          method: request.method ?? 'GET',
          target: request.url ?? '/',
          requestContentType: request.headers['content-type'],
          requestBody,
          status: answer.status,
          responseContentType: answer.headers.get('content-type') ?? undefined,
          responseBody,
        });
        const passOn: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name))
            passOn[name] = value;
        });
        response.writeHead(answer.status, passOn);
        response.end(responseBody);
      } catch {
        // The simulator dropped the connection: do the same to the client.
        request.socket.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
