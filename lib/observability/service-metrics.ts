import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { METRIC_DIMENSIONS, METRICS, METRICS_NAMESPACE } from '../../shared/observability/metric-names';
import type { SyncOutcome } from '../../shared/sync/outcomes';
import type { SyncDirection } from '../../shared/queue/sync-queues';

/**
 * The custom metrics the functions emit through Powertools, as CloudWatch identifies them:
 * namespace, name and the exact set of dimensions (Powertools adds `service` to each).
 */
export class ServiceMetrics {
  constructor(private readonly serviceName: string) {}

  syncOutcome(direction: SyncDirection, outcome: SyncOutcome): Metric {
    return this.count(
      METRICS.syncOutcome,
      { [METRIC_DIMENSIONS.direction]: direction, [METRIC_DIMENSIONS.outcome]: outcome },
      outcome,
    );
  }

  providerRateLimited(provider: string): Metric {
    return this.count(METRICS.providerRateLimited, { [METRIC_DIMENSIONS.provider]: provider }, `${provider} 429`);
  }

  signatureRejected(provider: string): Metric {
    return this.count(
      METRICS.signatureRejected,
      { [METRIC_DIMENSIONS.provider]: provider },
      `${provider} bad signature`,
    );
  }

  /** Provider writes refused by the per-record circuit breaker. */
  circuitOpen(direction: SyncDirection): Metric {
    return this.count(METRICS.circuitOpen, { [METRIC_DIMENSIONS.direction]: direction }, `${direction} circuit open`);
  }

  unknownProgram(provider: string): Metric {
    return this.count(
      METRICS.unknownProgram,
      { [METRIC_DIMENSIONS.provider]: provider },
      `${provider} unknown program`,
    );
  }

  private count(metricName: string, dimensions: Record<string, string>, label: string): Metric {
    return new Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { [METRIC_DIMENSIONS.service]: this.serviceName, ...dimensions },
      statistic: 'Sum',
      period: Duration.minutes(5),
      label,
    });
  }
}
