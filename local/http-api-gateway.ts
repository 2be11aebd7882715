import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lambdaContext } from './event-source-mapping';

export type HttpApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface LocalRoute {
  readonly method: string;
  /** An HTTP API route path, e.g. `/webhooks/partnero/{programId}`; `{proxy+}` matches the rest. */
  readonly path: string;
  readonly functionName: string;
  readonly handler: HttpApiHandler;
}

export interface RunningHttpApi {
  readonly url: string;
  stop(): Promise<void>;
}

/** HTTP API's own payload limit; our handlers enforce tighter ones where it matters. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Serves the routes of the HTTP API on loopback and calls the very same Lambda handlers
 * with payload-format-2.0 events, mapping their results back the way API Gateway does.
 */
export async function startHttpApi(
  routes: LocalRoute[],
  options: { port?: number; host?: string } = {},
): Promise<RunningHttpApi> {
  // Routes may be added after the server listens (the functions need its URL first).
  let compiled: { route: LocalRoute; matcher: ReturnType<typeof compileRoutePath> }[] = [];
  const currentRoutes = () => {
    if (compiled.length !== routes.length)
      compiled = routes.map((route) => ({ route, matcher: compileRoutePath(route.path) }));
    return compiled;
  };
  const server: Server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      console.error('local http api: unexpected error', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Internal Server Error' }));
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = (request.method ?? 'GET').toUpperCase();
    const candidates = currentRoutes()
      .map(({ route, matcher }) => ({ route, params: matcher(url.pathname) }))
      .filter(
        (candidate): candidate is { route: LocalRoute; params: Record<string, string> } =>
          candidate.params !== undefined,
      );
    const match = candidates.find((candidate) => candidate.route.method === method || candidate.route.method === 'ANY');
    if (!match) {
      response.writeHead(candidates.length > 0 ? 405 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: candidates.length > 0 ? 'Method Not Allowed' : 'Not Found' }));
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Request Entity Too Large' }));
      return;
    }
    const event = toHttpApiEvent(request, url, method, match.route.path, match.params, body);
    const result = await match.route.handler(event, lambdaContext(match.route.functionName, 30_000));
    writeResult(response, result);
  }

  // A taken port is an 'error' event, not an exception: reject, so the caller can say so in one line.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function compileRoutePath(path: string): (pathname: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy) {
        names.push(greedy[1] as string);
        return '(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) {
        names.push(param[1] as string);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const regex = new RegExp(`^${pattern}/?$`);
  return (pathname) => {
    const found = regex.exec(pathname);
    if (!found) return undefined;
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]));
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toHttpApiEvent(
  request: IncomingMessage,
  url: URL,
  method: string,
  routePath: string,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] =
      queryStringParameters[name] === undefined ? value : `${queryStringParameters[name]},${value}`;
  }
  const cookies = request.headers.cookie
    ?.split(';')
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  const contentType = headers['content-type'] ?? '';
  const isText =
    body.length === 0 ||
    /^(text\/|application\/(json|x-www-form-urlencoded|xml))/.test(contentType) ||
    contentType === '';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${method} ${routePath}`,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies: cookies && cookies.length > 0 ? cookies : undefined,
    headers,
    queryStringParameters: Object.keys(queryStringParameters).length > 0 ? queryStringParameters : undefined,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${method} ${routePath}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length === 0 ? undefined : isText ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/** API Gateway's payload 2.0 response rules: a structured result, or anything else as 200 JSON. */
function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
    response.writeHead(result.statusCode ?? 200, headers);
    const body = result.body ?? '';
    response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(typeof result === 'string' ? result : JSON.stringify(result));
}
