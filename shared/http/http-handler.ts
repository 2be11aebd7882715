import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../observability/powertools';

type HttpEvent = APIGatewayProxyEventV2;
type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpErrorOptions {
  /** The log line of a failure answered 5xx, e.g. `settings api failed`. */
  readonly failure: string;
  /**
   * The answer for an error the route did not handle: `jsonErrorResponse` for the JSON APIs (the
   * error family's status and message), a page or a fixed answer elsewhere. Not a default, so a
   * route that never answers JSON does not bundle the family's mapping.
   */
  readonly answer: (error: unknown) => HttpResult;
  /** What the log line says of the error; by default its class name only (a message may quote a provider). */
  readonly describe?: (error: unknown) => Record<string, unknown>;
}

const nameOf = (error: unknown): Record<string, unknown> => ({
  error: error instanceof Error ? error.name : 'unknown',
});

/**
 * The one error middleware of the HTTP routes. A route throws what went wrong, as an error of
 * the sync's family (`shared/errors.ts`); this answers it, and logs what answers 5xx:
 *
 *   handler throws ──▶ answer(error) ──▶ the response
 *                           │
 *                           └─ status >= 500 ──▶ logger.error(failure, { route, status, error })
 *
 * A 4xx is the caller's to fix and is not logged. Nothing of the request is logged but its route.
 */
export function httpErrorMiddleware(options: HttpErrorOptions): MiddlewareObj<HttpEvent, HttpResult> {
  const { answer } = options;
  const describe = options.describe ?? nameOf;
  return {
    onError: async (request) => {
      const response = answer(request.error);
      const status = response.statusCode ?? 500;
      if (status >= 500)
        logger.error(options.failure, { route: request.event.routeKey, status, ...describe(request.error) });
      request.response = response;
    },
  };
}

/**
 * An HTTP route's Lambda handler: the Powertools logger's context (its keys reset per request),
 * then `handle`, then `httpErrorMiddleware` for whatever `handle` throws.
 */
export function httpHandler(handle: (event: HttpEvent) => Promise<HttpResult>, options: HttpErrorOptions) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpErrorMiddleware(options))
    .handler(handle);
}
