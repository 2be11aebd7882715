import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IncomingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: string;
}

/** What a handler answers: a JSON reply, or one of the two ways of not answering properly. */
export type Reply =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
    }
  /** Never answer; the socket is closed when the server stops. */
  | { readonly kind: 'hang' }
  /** Close the connection without a response. */
  | { readonly kind: 'drop' };

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** A node:http server on loopback that hands each request, body read, to one handler. */
export async function startJsonServer(
  handler: (request: IncomingRequest) => Promise<Reply>,
  port = 0,
): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    void serve(req, res, handler);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (request: IncomingRequest) => Promise<Reply>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let reply: Reply;
  try {
    reply = await handler({
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      rawBody: Buffer.concat(chunks).toString('utf8'),
    });
  } catch (error) {
    reply = { kind: 'json', status: 500, body: { message: error instanceof Error ? error.message : 'Server Error' } };
  }
  if (reply.kind === 'hang') return;
  if (reply.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}
