import { ProviderHttpError, RateLimitedError, RetryableError } from '../errors';
import type { HttpResponse } from '../http/fetch-with-timeout';
import { parseRetryAfter } from '../http/fetch-with-timeout';
import { partneroErrorBodySchema } from './envelope-schemas';

/**
 * Turns a non-2xx Partnero answer into the sync's error family. `operation` names the call
 * (`customers.get`), never its URL: paths and queries carry customer emails, and nothing here
 * ever sees the API key.
 */
export function partneroErrorFor(operation: string, response: HttpResponse): Error {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (response.status === 429) return new RateLimitedError('partnero', retryAfterMs);
  const providerMessage = describeErrorBody(response);
  if (response.status >= 500 || response.status === 408) {
    return new RetryableError(`partnero answered ${response.status} to ${operation}: ${providerMessage}`, {
      retryAfterMs,
      provider: 'partnero',
    });
  }
  return new ProviderHttpError('partnero', response.status, undefined, `${operation}: ${providerMessage}`);
}

/** `message`, plus a one-line summary of a 422's per-field `errors`. */
export function describeErrorBody(response: HttpResponse): string {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    return `HTTP ${response.status}`;
  }
  const parsed = partneroErrorBodySchema.safeParse(json);
  if (!parsed.success) return `HTTP ${response.status}`;
  const message = parsed.data.message?.trim() || `HTTP ${response.status}`;
  const fields = Object.entries(parsed.data.errors ?? {}).map(
    ([field, problems]) => `${field}: ${[problems].flat().join(' ')}`,
  );
  return fields.length > 0 ? `${message} (${fields.join('; ')})` : message;
}
