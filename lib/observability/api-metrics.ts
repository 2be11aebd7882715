import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * Per-route HTTP API metrics. They exist because the stage turns on detailed metrics; their
 * dimensions are the API, the stage and the route key (`POST /webhooks/partnero/{programId}`).
 */
export function routeMetric(
  api: HttpApi,
  routeKey: string,
  metricName: 'Count' | '4xx' | '5xx',
  label: string,
): Metric {
  return new Metric({
    namespace: 'AWS/ApiGateway',
    metricName,
    dimensionsMap: { ApiId: api.apiId, Stage: '$default', Route: routeKey },
    statistic: 'Sum',
    period: Duration.minutes(5),
    label,
  });
}
