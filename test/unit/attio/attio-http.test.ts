import * as z from 'zod';
import { createAttioHttp } from '../../../shared/attio';
import { BudgetExhaustedError, ProviderHttpError, RateLimitedError, RetryableError } from '../../../shared/errors';
import type { HttpRequest, HttpResponse } from '../../../shared/http/fetch-with-timeout';

function scripted(responses: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const requests: HttpRequest[] = [];
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push(request);
    const next = responses.shift() ?? { status: 500 };
    return {
      status: next.status,
      headers: new Headers(next.headers),
      text: next.body === undefined ? '' : JSON.stringify(next.body),
    };
  };
  return { requests, transport };
}

const rateLimited = (retryAfter: string) => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  body: {
    status_code: 429,
    type: 'rate_limit_error',
    code: 'rate_limit_exceeded',
    message: 'Rate limit exceeded, please try again later',
  },
});

describe('createAttioHttp', () => {
  const schema = z.object({ data: z.object({ ok: z.boolean() }) });

  it('sends the bearer token and parses the response', async () => {
    const { requests, transport } = scripted([{ status: 200, body: { data: { ok: true } } }]);
    const http = createAttioHttp({ apiUrl: 'https://api.attio.com/', accessToken: 'tok_secret', transport });
    await expect(http('GET', '/v2/self', schema)).resolves.toEqual({ data: { ok: true } });
    expect(requests[0]?.url).toBe('https://api.attio.com/v2/self');
    expect(requests[0]?.headers?.authorization).toBe('Bearer tok_secret');
  });

  it('passes a 429 on at once as RateLimitedError carrying the wait to its Retry-After date', async () => {
    // Prepare
    const { requests, transport } = scripted([
      rateLimited(new Date(Date.now() + 60_000).toUTCString()),
      { status: 200, body: { data: { ok: true } } },
    ]);
    const http = createAttioHttp({ apiUrl: 'https://api.attio.com', accessToken: 't', transport });
    // Act
    const error = await http('GET', '/v2/objects', schema).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(50_000);
    expect(requests).toHaveLength(1);
  });

  it('waits out a 429 for a caller with no queue to give the work back to (connect, a scheduled run), within its bound', async () => {
    // Prepare
    const soon = () => new Date(Date.now() + 1_000).toUTCString();
    const { requests, transport } = scripted([rateLimited(soon()), { status: 200, body: { data: { ok: true } } }]);
    const http = createAttioHttp({
      apiUrl: 'https://api.attio.com',
      accessToken: 't',
      transport,
      waitOutRateLimits: { retries: 2, maxWaitMs: 3_000 },
    });
    // Act
    const answer = await http('POST', '/v2/objects/people/attributes', schema, {});
    // Assess
    expect(answer).toEqual({ data: { ok: true } });
    expect(requests).toHaveLength(2);
  });

  it('gives up waiting once the wait would pass its bound, and passes the 429 on', async () => {
    // Prepare
    const { requests, transport } = scripted([
      rateLimited(new Date(Date.now() + 60_000).toUTCString()),
      { status: 200, body: { data: { ok: true } } },
    ]);
    const http = createAttioHttp({
      apiUrl: 'https://api.attio.com',
      accessToken: 't',
      transport,
      waitOutRateLimits: { retries: 2, maxWaitMs: 3_000 },
    });
    // Act
    const error = await http('GET', '/v2/objects', schema).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(requests).toHaveLength(1);
  });

  it('asks the budget before each request with the kind Attio counts it as, and sends nothing when it is spent', async () => {
    // Prepare
    const { requests, transport } = scripted([
      { status: 200, body: { data: { ok: true } } },
      { status: 200, body: { data: { ok: true } } },
    ]);
    const kinds: string[] = [];
    const http = createAttioHttp({
      apiUrl: 'https://api.attio.com',
      accessToken: 't',
      transport,
      beforeRequest: async (kind) => {
        kinds.push(kind);
        if (kind === 'write') throw new BudgetExhaustedError('attio', 'attio:ws-1:write', 300);
      },
    });
    // Act
    await http('GET', '/v2/objects', schema);
    await http('POST', '/v2/objects/people/records/query', schema, {});
    const error = await http('POST', '/v2/objects/people/records', schema, {}).catch((caught: unknown) => caught);
    // Assess
    expect(kinds).toEqual(['read', 'read', 'write']);
    expect(error).toBeInstanceOf(BudgetExhaustedError);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(requests).toHaveLength(2);
  });

  it('turns 5xx into a RetryableError and other 4xx into a ProviderHttpError with Attio code and message, never the token', async () => {
    const { transport } = scripted([
      { status: 502 },
      {
        status: 400,
        body: {
          status_code: 400,
          type: 'invalid_request_error',
          code: 'value_not_found',
          message: 'Cannot find select option "Gold"',
        },
      },
    ]);
    const http = createAttioHttp({ apiUrl: 'https://api.attio.com', accessToken: 'tok_secret', transport });
    await expect(http('GET', '/v2/objects', schema)).rejects.toBeInstanceOf(RetryableError);
    const error = await http('PUT', '/v2/objects/people/records?matching_attribute=x', schema, {}).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect((error as ProviderHttpError).code).toBe('value_not_found');
    expect((error as Error).message).toContain('Cannot find select option');
    expect((error as Error).message).not.toContain('tok_secret');
  });
});
