import type * as z from 'zod';
import { PermanentError, ProviderHttpError } from '../errors';
import { fetchWithTimeout, type HttpRequest, type HttpResponse } from '../http/fetch-with-timeout';
import { pageEnvelope } from './envelope-schemas';
import { partneroErrorFor } from './partnero-errors';
import { nextPageUrl } from './page-links';

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export interface PartneroHttpOptions {
  /** Partnero's API root, with or without `/v1`: `https://api.partnero.com`, a simulator's URL. */
  readonly apiUrl: string;
  /** The program's API key; it only ever goes into the Authorization header. */
  readonly apiKey: string;
  /** Deadline of one request; Partnero documents none. Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * Asked before every request: takes a token from the program's budget
   * (`shared/provider-budget/`) or throws BudgetExhaustedError, and then nothing is sent.
   * Unset: no budget (one-off calls such as registration).
   */
  readonly beforeRequest?: () => Promise<void>;
  readonly transport?: HttpTransport;
}

export type QueryValue = string | number | boolean | undefined;

export interface PartneroCall<Schema extends z.ZodType> {
  /** A name for messages, e.g. `customers.get`; the URL is never echoed (it carries emails). */
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under `/v1`, already encoded, e.g. `/customers/abc`; or an absolute URL already vetted. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly schema: Schema;
}

export interface PartneroPage<Item> {
  readonly items: Item[];
  /** The vetted URL of the next page, undefined on the last one. */
  readonly nextUrl: string | undefined;
}

export interface PartneroHttp {
  readonly baseUrl: string;
  send<Schema extends z.ZodType>(call: PartneroCall<Schema>): Promise<z.infer<Schema>>;
  /** Like `send`, but a 404 is an answer (undefined) rather than an error. */
  sendOrNotFound<Schema extends z.ZodType>(call: PartneroCall<Schema>): Promise<z.infer<Schema> | undefined>;
  getPage<Item extends z.ZodType>(
    call: Omit<PartneroCall<Item>, 'method'> & { readonly firstRequestUrl?: string },
  ): Promise<PartneroPage<z.infer<Item>>>;
  /** Every item of a list, following `links.next` page by page. */
  allPages<Item extends z.ZodType>(
    call: Omit<PartneroCall<Item>, 'method'>,
  ): AsyncGenerator<z.infer<Item>, void, undefined>;
}

const maxPages = 10_000;

/**
 * The one place the Partnero client touches HTTP: auth, JSON, envelopes, errors.
 *
 * Nothing is retried here. A 429 becomes a RateLimitedError at once, with its Retry-After when
 * Partnero sends one, so a throttled Lambda gives its slot back and the queue brings the
 * message again later; waiting here would hold the slot other programs need. A 5xx or a
 * timeout may have been a create that went through (transaction keys are not unique, so a
 * blind retry could pay a commission twice); those surface as RetryableError for the sync's
 * own idempotent retry to decide.
 */
export function createPartneroHttp(options: PartneroHttpOptions): PartneroHttp {
  const baseUrl = apiBaseUrl(options.apiUrl);
  const transport = options.transport ?? fetchWithTimeout;
  const headers = { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' };

  async function exchange(call: PartneroCall<z.ZodType>): Promise<HttpResponse> {
    const url = call.path.startsWith('http') ? call.path : urlFor(baseUrl, call.path, call.query);
    await options.beforeRequest?.();
    return transport({
      method: call.method,
      url,
      headers: call.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      timeoutMs: options.timeoutMs ?? 10_000,
      provider: 'partnero',
    });
  }

  async function send<Schema extends z.ZodType>(call: PartneroCall<Schema>): Promise<z.infer<Schema>> {
    const response = await exchange(call);
    if (response.status < 200 || response.status >= 300) throw partneroErrorFor(call.operation, response);
    return parseBody(call.operation, response, call.schema);
  }

  async function sendOrNotFound<Schema extends z.ZodType>(
    call: PartneroCall<Schema>,
  ): Promise<z.infer<Schema> | undefined> {
    try {
      return await send(call);
    } catch (error) {
      if (error instanceof ProviderHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  async function getPage<Item extends z.ZodType>(
    call: Omit<PartneroCall<Item>, 'method'> & { readonly firstRequestUrl?: string },
  ): Promise<PartneroPage<z.infer<Item>>> {
    const requestUrl = call.path.startsWith('http') ? call.path : urlFor(baseUrl, call.path, call.query);
    const page = await send({ ...call, method: 'GET', path: requestUrl, schema: pageEnvelope(call.schema) });
    return {
      items: page.data as z.infer<Item>[],
      nextUrl: nextPageUrl(baseUrl, call.firstRequestUrl ?? requestUrl, page.links?.next),
    };
  }

  async function* allPages<Item extends z.ZodType>(
    call: Omit<PartneroCall<Item>, 'method'>,
  ): AsyncGenerator<z.infer<Item>, void, undefined> {
    const firstRequestUrl = urlFor(baseUrl, call.path, call.query);
    const seen = new Set<string>();
    let url: string | undefined = firstRequestUrl;
    while (url !== undefined) {
      if (seen.has(url) || seen.size >= maxPages)
        throw new PermanentError('partnero:paging_loop', `partnero ${call.operation} paging does not end`);
      seen.add(url);
      const page: PartneroPage<z.infer<Item>> = await getPage({ ...call, path: url, firstRequestUrl });
      yield* page.items;
      url = page.nextUrl;
    }
  }

  return { baseUrl, send, sendOrNotFound, getPage, allPages };
}

/** Accepts the API root with or without the `/v1` version segment. */
export function apiBaseUrl(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

function urlFor(baseUrl: string, path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const url = new URL(`${baseUrl}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

function parseBody<Schema extends z.ZodType>(
  operation: string,
  response: HttpResponse,
  schema: Schema,
): z.infer<Schema> {
  let json: unknown = {};
  if (response.text.trim() !== '') {
    try {
      json = JSON.parse(response.text);
    } catch {
      throw new PermanentError(
        'partnero:unexpected_response',
        `partnero answered ${operation} with a body that is not JSON`,
      );
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw new PermanentError(
      'partnero:unexpected_response',
      `partnero answered ${operation} with an unexpected shape: ${issues.join('; ')}`,
    );
  }
  return parsed.data;
}
