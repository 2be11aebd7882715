import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jsonResponse } from '../../shared/http/api-responses';
import { logger } from '../../shared/observability/powertools';

/** Liveness of the API: answers without touching any dependency, so it is cheap to probe. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger))
  .handler(async () => jsonResponse(200, { status: 'ok', service: 'partnero-attio-sync' }));
