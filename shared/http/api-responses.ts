import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const securityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...securityHeaders, ...headers },
    body: JSON.stringify(body),
  };
}

/** A 4xx/5xx with a one-line reason, the shape every route of the API uses for errors. */
export function errorResponse(
  statusCode: number,
  message: string,
  details?: string[],
): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(statusCode, details && details.length > 0 ? { message, details } : { message });
}
