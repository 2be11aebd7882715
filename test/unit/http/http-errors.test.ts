import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { createAttioHttp } from '../../../shared/attio/attio-http';
import { ConflictError, FieldValidationError, ProgramNotFoundError, RetryableError } from '../../../shared/errors';
import { httpHandler } from '../../../shared/http/http-handler';
import { httpStatusOf, publicMessageOf } from '../../../shared/http/http-errors';
import { jsonErrorResponse } from '../../../shared/http/json-requests';
import type { HttpRequest, HttpResponse } from '../../../shared/http/fetch-with-timeout';
import { createPartneroHttp } from '../../../shared/partnero/partnero-http';

const unavailable = async (_request: HttpRequest): Promise<HttpResponse> => ({
  status: 503,
  headers: new Headers(),
  text: '{"message":"down"}',
});
const unreachable = async (request: HttpRequest): Promise<HttpResponse> => {
  throw new RetryableError(`${request.method} timed out`, { provider: request.provider });
};

async function failureOf(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the provider a failure names', () => {
  it('is Attio for an Attio 5xx, read from the error and not from its message', async () => {
    // Prepare
    const attio = createAttioHttp({ apiUrl: 'https://api.attio.com', accessToken: 't', transport: unavailable });
    // Act
    const error = await failureOf(attio('GET', '/v2/self', z.unknown()));
    // Assess
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).provider).toBe('attio');
    expect([httpStatusOf(error), publicMessageOf(error)]).toEqual([
      503,
      'Attio is not answering right now. Try again in a minute.',
    ]);
  });

  it('is Partnero for a Partnero 5xx', async () => {
    const partnero = createPartneroHttp({ apiUrl: 'https://api.partnero.com', apiKey: 'k', transport: unavailable });
    const error = await failureOf(
      partnero.send({ operation: 'partners.get', method: 'GET', path: '/partners/p1', schema: z.unknown() }),
    );
    expect((error as RetryableError).provider).toBe('partnero');
    expect(publicMessageOf(error)).toBe('Partnero is not answering right now. Try again in a minute.');
  });

  it('travels with the request, so a timeout names the client that sent it', async () => {
    const attio = createAttioHttp({ apiUrl: 'https://api.attio.com', accessToken: 't', transport: unreachable });
    const partnero = createPartneroHttp({ apiUrl: 'https://api.partnero.com', apiKey: 'k', transport: unreachable });
    const errors = [
      await failureOf(attio('GET', '/v2/self', z.unknown())),
      await failureOf(partnero.send({ operation: 'partners.get', method: 'GET', path: '/p', schema: z.unknown() })),
    ];
    expect(errors.map((error) => (error as RetryableError).provider)).toEqual(['attio', 'partnero']);
  });

  it('is "a provider" when no client set one', () => {
    expect(publicMessageOf(new RetryableError('the claim changed'))).toBe(
      'A provider is not answering right now. Try again in a minute.',
    );
  });
});

describe('httpHandler', () => {
  const event = (routeKey: string) =>
    ({ routeKey, headers: {}, requestContext: { http: { method: 'GET' } } }) as unknown as APIGatewayProxyEventV2;
  const context = { getRemainingTimeInMillis: () => 1000, functionName: 'test', awsRequestId: 'r' } as never;
  const throwing = (error: unknown) =>
    httpHandler(async () => Promise.reject(error), { failure: 'test route failed', answer: jsonErrorResponse });

  it.each([
    [new ProgramNotFoundError('p1'), 404, { message: 'Program p1 is not registered' }],
    [new ConflictError('stale', 'The settings changed meanwhile'), 409, { message: 'The settings changed meanwhile' }],
    [
      new Error('boom'),
      500,
      { message: 'Something went wrong on our side. Try again, and tell us if it keeps happening.' },
    ],
  ])('answers %p with its status and a safe message', async (error, status, body) => {
    // Act
    const response = await throwing(error)(event('GET /x'), context);
    // Assess
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body ?? '')).toEqual(body);
  });

  it('answers a form’s field issues beside their fields', async () => {
    const response = await throwing(
      new FieldValidationError('Some settings need attention', [{ path: 'deals.wonStage', message: 'pick a stage' }]),
    )(event('PUT /x'), context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '')).toEqual({
      message: 'Some settings need attention',
      issues: [{ path: 'deals.wonStage', message: 'pick a stage' }],
    });
  });

  it('uses the route’s own answer when it has one', async () => {
    const handler = httpHandler(async () => Promise.reject(new Error('down')), {
      failure: 'page failed',
      answer: () => ({ statusCode: 503, body: 'later' }),
    });
    expect(await handler(event('GET /page'), context)).toEqual({ statusCode: 503, body: 'later' });
  });
});
