import type * as z from 'zod';
import { PermanentError, ProviderHttpError, RateLimitedError, RetryableError } from '../errors';
import { fetchWithTimeout, parseRetryAfter, type HttpRequest, type HttpResponse } from '../http/fetch-with-timeout';
import { attioCallKind, type AttioCallKind } from '../provider-budget/provider-limits';
import { attioErrorBodySchema } from './schemas';

export interface AttioHttpOptions {
  /** `https://api.attio.com` (or a simulator); the `/v2` prefix is part of each path. */
  readonly apiUrl: string;
  readonly accessToken: string;
  readonly timeoutMs?: number;
  /**
   * Asked before every request, with the kind Attio counts it as: takes a token from the
   * workspace's budget (`shared/provider-budget/`) or throws BudgetExhaustedError, and then
   * nothing is sent. Unset: no budget (one-off calls such as connect and the settings page).
   */
  readonly beforeRequest?: (kind: AttioCallKind) => Promise<void>;
  /**
   * For callers that have no queue to give throttled work back to (a person waiting on Connect or
   * Save, a scheduled run part-way through its pages): wait out Attio's `Retry-After` up to
   * `retries` times and `maxWaitMs` in all, then throw. The queue workers never set it: they
   * must not sleep holding a slot (issue 14), and their budget keeps 429s rare.
   */
  readonly waitOutRateLimits?: { readonly retries: number; readonly maxWaitMs: number };
  readonly transport?: (request: HttpRequest) => Promise<HttpResponse>;
  /** Called once per HTTP request made, e.g. to count provider calls in benchmarks. */
  readonly onRequest?: (method: string, path: string) => void;
}

/** What a caller outside the queue workers waits out: a few Retry-Afters, a few seconds in all. */
export const WAIT_OUT_RATE_LIMITS = { retries: 3, maxWaitMs: 5_000 } as const;

export type AttioHttp = <Schema extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: Schema,
  body?: unknown,
) => Promise<z.infer<Schema>>;

/**
 * The one place that talks HTTP to Attio. A 429 becomes a RateLimitedError at once, carrying
 * its `Retry-After` (an HTTP date): nothing here waits, so a throttled Lambda gives its slot
 * back and the queue brings the message again at that time (Attio says a 429 was not
 * processed, so that is safe). 5xx and network failures become RetryableError for the queue
 * to retry; any other 4xx becomes ProviderHttpError with Attio's code and message. The token
 * never leaves here.
 */
export function createAttioHttp(options: AttioHttpOptions): AttioHttp {
  const transport = options.transport ?? fetchWithTimeout;
  const base = options.apiUrl.replace(/\/+$/, '');

  const send = async (method: Parameters<AttioHttp>[0], path: string, body: unknown): Promise<HttpResponse> => {
    let waitedMs = 0;
    for (let attempt = 0; ; attempt += 1) {
      const response = await sendOnce(method, path, body);
      const wait = options.waitOutRateLimits;
      if (response.status !== 429 || !wait) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? 1_000;
      if (attempt >= wait.retries || waitedMs + retryAfterMs > wait.maxWaitMs) return response;
      waitedMs += retryAfterMs;
      await new Promise<void>((resolve) => setTimeout(resolve, Math.max(retryAfterMs, 50)));
    }
  };

  const sendOnce = async (method: Parameters<AttioHttp>[0], path: string, body: unknown): Promise<HttpResponse> => {
    await options.beforeRequest?.(attioCallKind(method, path));
    options.onRequest?.(method, path);
    return transport({
      method,
      url: `${base}${path}`,
      headers: {
        authorization: `Bearer ${options.accessToken}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: options.timeoutMs ?? 10_000,
      provider: 'attio',
    });
  };

  return async (method, path, schema, body) => {
    const response = await send(method, path, body);
    // Attio documents the date as usually the next second; without one, a second is the window.
    if (response.status === 429)
      throw new RateLimitedError('attio', parseRetryAfter(response.headers.get('retry-after')) ?? 1_000);
    if (response.status >= 500)
      throw new RetryableError(`attio answered ${response.status} to ${method} ${routeOf(path)}`, {
        provider: 'attio',
      });
    if (response.status >= 400) throw providerError(response);
    return parseBody(response, schema, `${method} ${routeOf(path)}`);
  };
}

function parseBody<Schema extends z.ZodType>(
  response: HttpResponse,
  schema: Schema,
  operation: string,
): z.infer<Schema> {
  let json: unknown;
  try {
    json = response.text === '' ? {} : JSON.parse(response.text);
  } catch {
    throw new PermanentError('attio:unexpected_response', `attio answered ${operation} with a body that is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new PermanentError(
      'attio:unexpected_response',
      `attio answered ${operation} with an unexpected shape (${where})`,
    );
  }
  return parsed.data;
}

function providerError(response: HttpResponse): ProviderHttpError {
  let code: string | undefined;
  let message = `HTTP ${response.status}`;
  try {
    const parsed = attioErrorBodySchema.safeParse(JSON.parse(response.text));
    if (parsed.success) {
      code = parsed.data.code;
      message = parsed.data.message;
    }
  } catch {
    // Not JSON: keep the status alone.
  }
  return new ProviderHttpError('attio', response.status, code, message);
}

/** The path without record ids, e.g. `/v2/objects/people/records/{id}`, for messages that never carry data. */
function routeOf(path: string): string {
  return path.split('?')[0]?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}') ?? path;
}
