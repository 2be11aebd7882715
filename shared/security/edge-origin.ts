import { constantTimeEquals } from '../http/signed-token';

/**
 * How the API tells a request that came through our CloudFront distribution (and so through
 * its WAF rate limits) from one sent straight to the execute-api URL. CloudFront adds this
 * header, with a value only it and the API's authorizer know, to every request it forwards to
 * the origin; a viewer's own header of the same name is overwritten by CloudFront's.
 *
 *   client ──▶ CloudFront + WAF ──(x-origin-verify: <secret>)──▶ HTTP API ──authorizer──▶ route
 *   client ──────────────────────(no header or a guess)──────────▶ HTTP API ──▶ 401
 *
 * A request without the header is refused by API Gateway itself (the header is the
 * authorizer's identity source), so probing the execute-api URL costs no Lambda call.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** True only when the request carries the edge's secret, compared in constant time. */
export function cameThroughEdge(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  expectedSecret: string,
): boolean {
  if (expectedSecret.length < 32) return false; // an unset or truncated secret fails closed
  const presented = headers?.[ORIGIN_VERIFY_HEADER];
  return presented !== undefined && constantTimeEquals(presented, expectedSecret);
}
