import { ProviderHttpError, RateLimitedError, RetryableError } from '../../../shared/errors';
import { describeErrorBody, partneroErrorFor } from '../../../shared/partnero/partnero-errors';

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers), text: typeof body === 'string' ? body : JSON.stringify(body) };
}

describe('partneroErrorFor', () => {
  it('summarises the per-field errors of a 422 after its message', () => {
    // Act
    const error = partneroErrorFor(
      'customers.create',
      response(422, { message: 'Duplicate key', errors: { key: ['The key has already been taken.'] } }),
    );

    // Assess
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect((error as ProviderHttpError).providerMessage).toBe(
      'customers.create: Duplicate key (key: The key has already been taken.)',
    );
  });

  it('makes a 429 a RateLimitedError with the Retry-After delay', () => {
    // Act
    const error = partneroErrorFor('transactions.create', response(429, '', { 'retry-after': '3' }));

    // Assess
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3000);
  });

  it('makes 500 and 408 retryable and 400 permanent', () => {
    expect(partneroErrorFor('x', response(500, { message: 'Server Error' }))).toBeInstanceOf(RetryableError);
    expect(partneroErrorFor('x', response(408, ''))).toBeInstanceOf(RetryableError);
    expect(partneroErrorFor('x', response(400, { message: 'Invalid partner key' }))).toBeInstanceOf(ProviderHttpError);
  });
});

describe('describeErrorBody', () => {
  it('falls back to the status for a body that is not JSON', () => {
    expect(describeErrorBody(response(502, '<html>Bad Gateway</html>'))).toBe('HTTP 502');
  });
});
