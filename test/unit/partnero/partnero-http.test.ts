import * as z from 'zod';
import {
  BudgetExhaustedError,
  PermanentError,
  ProviderHttpError,
  RateLimitedError,
  RetryableError,
} from '../../../shared/errors';
import { dataEnvelope } from '../../../shared/partnero/envelope-schemas';
import { apiBaseUrl, createPartneroHttp } from '../../../shared/partnero/partnero-http';
import { scriptedTransport } from './scripted-transport';

const apiKey = 'pk_live_secret_123';
const schema = dataEnvelope(z.looseObject({ id: z.string() }));
const call = { operation: 'partners.get', method: 'GET' as const, path: '/partners/p1', schema };

function httpWith(script: ReturnType<typeof scriptedTransport>, extra: { beforeRequest?: () => Promise<void> } = {}) {
  const http = createPartneroHttp({
    apiUrl: 'https://api.partnero.com',
    apiKey,
    transport: script.transport,
    ...extra,
  });
  return { http };
}

describe('createPartneroHttp', () => {
  it('sends the API key as a Bearer token under /v1 and unwraps the envelope', async () => {
    // Prepare
    const script = scriptedTransport({ status: 200, body: { data: { id: 'p1' }, status: 1 } });
    const { http } = httpWith(script);

    // Act
    const answer = await http.send(call);

    // Assess
    expect(answer.data.id).toBe('p1');
    expect(script.requests[0]?.url).toBe('https://api.partnero.com/v1/partners/p1');
    expect(script.requests[0]?.headers?.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('passes a 429 on at once as RateLimitedError with its Retry-After, without sending it again', async () => {
    // Prepare
    const script = scriptedTransport(
      { status: 429, headers: { 'retry-after': '2' }, body: { message: 'Too Many Attempts.' } },
      { status: 200, body: { data: { id: 'p1' } } },
    );
    const { http } = httpWith(script);

    // Act
    const error = await http.send(call).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(2_000);
    expect(script.requests).toHaveLength(1);
  });

  it('leaves the wait to the queue when a 429 carries no Retry-After', async () => {
    // Prepare
    const script = scriptedTransport({ status: 429 });
    const { http } = httpWith(script);

    // Act
    const error = await http.send(call).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeUndefined();
    expect(script.requests).toHaveLength(1);
  });

  it('asks the budget before each request and sends nothing when it is spent', async () => {
    // Prepare
    const script = scriptedTransport({ status: 200, body: { data: { id: 'p1' } } });
    let asked = 0;
    const spent = new BudgetExhaustedError('partnero', 'partnero:prog-1:request', 400);
    const { http } = httpWith(script, {
      beforeRequest: async () => {
        asked += 1;
        if (asked > 1) throw spent;
      },
    });

    // Act
    await http.send(call);
    const error = await http.send(call).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBe(spent);
    expect(script.requests).toHaveLength(1);
  });

  it('makes a 5xx retryable without retrying it, since a create may have gone through', async () => {
    // Prepare
    const script = scriptedTransport({ status: 503, body: { message: 'Service Unavailable' } });
    const { http } = httpWith(script);

    // Act
    const error = await http
      .send({ ...call, method: 'POST', path: '/transactions', body: { key: 'k' } })
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect(script.requests).toHaveLength(1);
  });

  it("turns a 404 into ProviderHttpError carrying Partnero's message", async () => {
    // Prepare
    const script = scriptedTransport({ status: 404, body: { message: 'Partner not found' } });
    const { http } = httpWith(script);

    // Act
    const error = await http.send(call).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect((error as ProviderHttpError).status).toBe(404);
    expect((error as ProviderHttpError).providerMessage).toContain('Partner not found');
  });

  it('answers undefined for a 404 when asked to treat it as not found', async () => {
    // Prepare
    const script = scriptedTransport({ status: 404, body: { message: 'Partner not found' } });
    const { http } = httpWith(script);

    // Act
    const answer = await http.sendOrNotFound(call);

    // Assess
    expect(answer).toBeUndefined();
  });

  it('refuses a 2xx body that does not have the expected shape', async () => {
    // Prepare
    const script = scriptedTransport({ status: 200, body: { data: { name: 'no id' } } });
    const { http } = httpWith(script);

    // Act
    const error = await http.send(call).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).reason).toBe('partnero:unexpected_response');
  });

  it('never puts the API key into an error', async () => {
    // Prepare
    const script = scriptedTransport(
      { status: 401, body: { message: 'Unauthenticated.' } },
      { status: 500 },
      { status: 429 },
      { status: 429 },
      { status: 429 },
    );
    const { http } = httpWith(script);

    // Act
    const errors = [
      await http.send(call).catch((e: unknown) => e),
      await http.send(call).catch((e: unknown) => e),
      await http.send(call).catch((e: unknown) => e),
    ];

    // Assess
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain(apiKey);
    }
  });

  it('follows links.next through every page', async () => {
    // Prepare
    const script = scriptedTransport(
      {
        status: 200,
        body: {
          data: [{ id: 'a' }, { id: 'b' }],
          links: { next: 'https://api.partnero.com/v1/partners?page=2' },
          meta: { current_page: 1 },
        },
      },
      { status: 200, body: { data: [{ id: 'c' }], links: { next: null }, meta: { current_page: 2 } } },
    );
    const { http } = httpWith(script);

    // Act
    const ids: string[] = [];
    for await (const item of http.allPages({
      operation: 'partners.list',
      path: '/partners',
      query: { limit: 2 },
      schema: z.looseObject({ id: z.string() }),
    })) {
      ids.push(item.id);
    }

    // Assess
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(new URL(script.requests[1]?.url ?? '').searchParams.get('limit')).toBe('2');
  });

  it('stops a list whose next link points back at a page already read', async () => {
    // Prepare
    const loop = {
      status: 200,
      body: { data: [{ id: 'a' }], links: { next: 'https://api.partnero.com/v1/partners?limit=1' } },
    };
    const script = scriptedTransport(loop, loop);
    const { http } = httpWith(script);

    // Act
    const read = async () => {
      for await (const _item of http.allPages({
        operation: 'partners.list',
        path: '/partners',
        query: { limit: 1 },
        schema: z.looseObject({ id: z.string() }),
      })) {
        // drain
      }
    };

    // Assess
    await expect(read()).rejects.toThrow(PermanentError);
  });
});

describe('apiBaseUrl', () => {
  it('adds /v1 to an API root and keeps one that has it', () => {
    expect(apiBaseUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/v1');
    expect(apiBaseUrl('https://api.partnero.com/v1/')).toBe('https://api.partnero.com/v1');
  });
});
