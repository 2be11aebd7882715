import { syncOutcomes, type SyncOutcome } from '../sync/outcomes';

/**
 * The custom metrics the functions emit (Powertools EMF) and the dashboard and alarms chart.
 * Both sides import these names, so a renamed metric cannot leave a flat line on the dashboard.
 *
 * A CloudWatch metric is identified by its name AND its full set of dimensions. Powertools
 * adds `service` (POWERTOOLS_SERVICE_NAME) to every metric, so the set is always `service`
 * plus the dimensions listed here; the CDK stack gives each stage its own service name, so two
 * stages in one account chart their own metrics.
 */
export const METRICS_NAMESPACE = 'PartneroAttioSync';

/** Base of POWERTOOLS_SERVICE_NAME; the deployed name is `${SERVICE_NAME}-${stage}`. */
export const SERVICE_NAME = 'partnero-attio-sync';

export function serviceNameFor(stage: string): string {
  return `${SERVICE_NAME}-${stage}`;
}

export const METRIC_DIMENSIONS = {
  /** Added by Powertools to every metric. */
  service: 'service',
  direction: 'direction',
  outcome: 'outcome',
  provider: 'provider',
} as const;

export const METRICS = {
  /** One per processed event; dimensions `direction` and `outcome` (applied, noop, echo, ...). */
  syncOutcome: 'SyncOutcome',
  /** A provider answered 429; dimension `provider` (attio, partnero). */
  providerRateLimited: 'ProviderRateLimited',
  /** A webhook whose HMAC signature did not verify; dimension `provider`. */
  signatureRejected: 'SignatureRejected',
  /** A webhook for a program id that is not registered; dimension `provider`. */
  unknownProgram: 'UnknownProgram',
  /** A provider write refused because its record was written too often (per-record circuit breaker); dimension `direction`. */
  circuitOpen: 'CircuitOpen',
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];

/** Every outcome a worker reports, in the order the dashboard stacks them. */
export const SYNC_OUTCOMES: readonly SyncOutcome[] = syncOutcomes;

export const METRIC_PROVIDERS = ['attio', 'partnero'] as const;
