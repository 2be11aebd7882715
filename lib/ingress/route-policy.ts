import type { HttpRoute } from '../../functions/catalog';

/**
 * Why a group of routes may be called without AWS credentials, and how hard each route may
 * be hit. Keyed by the path's first segment, so a new route inherits its group's rules; a
 * route outside every group fails the synth until someone writes down why it is public.
 *
 * Requests over a limit get 429 from API Gateway before any Lambda runs; Partnero and Attio
 * retry webhooks with backoff, so a burst is delayed, not lost.
 */
export interface RoutePolicy {
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** The acknowledgement of cdk-nag's AwsSolutions-APIG4 (route without an authorizer). */
  readonly publicBecause: string;
}

/** The whole stage's cap, above the sum any one group should reach. */
export const STAGE_THROTTLE = { rateLimit: 200, burstLimit: 400 } as const;

export const routePolicies: Readonly<Record<string, RoutePolicy>> = {
  webhooks: {
    // Attio delivers at most 25 requests/s per target URL; this leaves room for several programs at once.
    throttle: { rateLimit: 100, burstLimit: 200 },
    publicBecause:
      'Provider webhooks (Partnero, Attio) cannot sign requests with AWS credentials. Each delivery is checked in the ' +
      "handler against the program's HMAC-SHA256 webhook secret over the raw body (constant-time, fail closed) before " +
      'anything is queued; unknown programs get 404 and bad signatures 401 with a SignatureRejected metric.',
  },
  oauth: {
    throttle: { rateLimit: 10, burstLimit: 20 },
    publicBecause:
      "OAuth 2.0 start and redirect target: the user's browser arrives without credentials. The start is reached from " +
      'a signed settings link, and the callback accepts only a single-use state nonce stored with a short TTL; the code ' +
      'is exchanged server-side with the client secret.',
  },
  settings: {
    throttle: { rateLimit: 20, burstLimit: 40 },
    publicBecause:
      'Opened in a browser from a short-lived link the Partnero app signs with the settings-link key (HMAC); the handler ' +
      'verifies signature, program and expiry on every request, so an AWS authorizer would add nothing.',
  },
  admin: {
    throttle: { rateLimit: 5, burstLimit: 10 },
    publicBecause:
      "The platform team's admin API. Every request must carry the admin bearer token from Secrets Manager, compared " +
      'in constant time in the handler; the low throttle limits guessing.',
  },
  health: {
    throttle: { rateLimit: 5, burstLimit: 10 },
    publicBecause: 'Liveness probe: answers a constant and touches no data or dependency.',
  },
};

/** The route key API Gateway uses for route settings and metrics, e.g. `POST /webhooks/partnero/{programId}`. */
export function routeKeyOf(route: HttpRoute): string {
  return `${route.method} ${route.path}`;
}

export function routePolicyFor(route: HttpRoute): RoutePolicy {
  const group = route.path.split('/')[1] ?? '';
  const policy = routePolicies[group];
  if (!policy) {
    throw new Error(
      `Route ${routeKeyOf(route)} is in no group of lib/ingress/route-policy.ts: add it there with the reason it may be ` +
        `public and its throttle, or put it behind an authorizer`,
    );
  }
  return policy;
}
