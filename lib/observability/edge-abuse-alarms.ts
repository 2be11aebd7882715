import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { METRIC_PROVIDERS } from '../../shared/observability/metric-names';
import type { ServiceMetrics } from './service-metrics';

/**
 * Bad webhook signatures in five minutes, all providers together. A provider signs every delivery,
 * so a handful is a rotated secret caught mid-delivery; more is someone probing the webhook routes.
 */
export const SIGNATURE_REJECTIONS_PER_5_MINUTES = 20;
/**
 * 4xx answers of the API in five minutes. Normal traffic has a few (an expired session, a used
 * link); hundreds are a client sending junk, the traffic that a per-client limit would cut off.
 */
export const API_4XX_PER_5_MINUTES = 250;

const runbook = 'See docs/runbook.md';

/** Someone is knocking: the alarms that say the API is being probed or flooded. */
export function edgeAbuseAlarms(scope: Construct, prefix: string, api: HttpApi, metrics: ServiceMetrics): Alarm[] {
  const period = Duration.minutes(5);
  const perProvider = Object.fromEntries(
    METRIC_PROVIDERS.map((provider) => [provider, metrics.signatureRejected(provider).with({ period })]),
  );
  return [
    new Alarm(scope, 'SignatureRejections', {
      alarmName: `${prefix} webhook signature rejections`,
      alarmDescription:
        `At least ${SIGNATURE_REJECTIONS_PER_5_MINUTES} webhook deliveries in 5 minutes had a missing or wrong signature: ` +
        `someone is probing the webhook routes, or a program's webhook secret no longer matches. ${runbook}, "Signature rejections".`,
      metric: new MathExpression({
        expression: Object.keys(perProvider).join(' + '),
        usingMetrics: perProvider,
        period,
        label: 'signature rejections',
      }),
      threshold: SIGNATURE_REJECTIONS_PER_5_MINUTES,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(scope, 'Api4xxSpike', {
      alarmName: `${prefix} API 4xx spike`,
      alarmDescription:
        `The API answered 4xx at least ${API_4XX_PER_5_MINUTES} times in 5 minutes: a client is sending junk or guessing ` +
        `(ids, tokens, links), and may be using up the shared per-route throttles. ${runbook}, "API 4xx spike".`,
      metric: api.metricClientError({ period, statistic: 'Sum' }),
      threshold: API_4XX_PER_5_MINUTES,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
  ];
}
