import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import { secretsManagerClient } from '../../shared/aws/secrets-manager-json-client';
import { ENV } from '../../shared/config/environment-names';
import { cameThroughEdge } from '../../shared/security/edge-origin';

/**
 * The HTTP API's authorizer when CloudFront fronts the API (stage option `edgeProtection`):
 * lets through only requests that carry CloudFront's origin secret (shared/security/edge-origin.ts).
 * Not in functions/catalog.ts: it serves no route and the local stack has no edge; it is built
 * by lib/constructs/edge-protection.ts. API Gateway caches each answer for the header's value, so
 * the traffic that came through CloudFront calls it about once per 5 minutes.
 */
export async function handler(event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerResult> {
  const secretArn = process.env[ENV.originVerifySecretArn];
  if (!secretArn) return { isAuthorized: false };
  // Re-read every 5 minutes, so a rotated secret is picked up without a deploy of this function.
  const expected = await secretsManagerClient().secretString(secretArn, 300_000);
  return { isAuthorized: cameThroughEdge(event.headers, expected) };
}
