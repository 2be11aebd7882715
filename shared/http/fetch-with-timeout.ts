import { RetryableError, type ProviderName } from '../errors';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs?: number;
  /** Whose API this is: a failure names it (`RetryableError.provider`) for the answer a person reads. */
  readonly provider?: ProviderName;
}

/**
 * `fetch` with a deadline. Network failures and timeouts become `RetryableError`, with the
 * URL's path only: query strings and headers may hold credentials and are never echoed. They
 * carry the request's provider, so the edge never reads the message to say who is not answering.
 */
export async function fetchWithTimeout(request: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    const path = safePath(request.url);
    // Duck-typed: under jest, fetch's DOMException comes from another realm and fails instanceof.
    const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new RetryableError(`${request.method} ${path} timed out after ${timeoutMs} ms`, {
        cause: error,
        provider: request.provider,
      });
    }
    throw new RetryableError(
      `${request.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, provider: request.provider },
    );
  }
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '<invalid url>';
  }
}

/** Parses a `Retry-After` header given as an HTTP date (Attio) or as seconds; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
