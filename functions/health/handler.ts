import { errorResponse, jsonResponse } from '../../shared/http/api-responses';
import { httpHandler } from '../../shared/http/http-handler';

/** Liveness of the API: answers without touching any dependency, so it is cheap to probe. */
export const handler = httpHandler(async () => jsonResponse(200, { status: 'ok', service: 'partnero-attio-sync' }), {
  failure: 'health check failed',
  answer: () => errorResponse(500, 'Internal error'),
});
