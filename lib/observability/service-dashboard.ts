import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  TextWidget,
  type IAlarm,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { METRIC_PROVIDERS, SYNC_OUTCOMES } from '../../shared/observability/metric-names';
import type { SyncWorker } from '../constructs/sync-worker';
import { routeMetric } from './api-metrics';
import type { ServiceMetrics } from './service-metrics';

export interface ServiceDashboardProps {
  readonly dashboardName: string;
  readonly stageName: string;
  readonly api: HttpApi;
  readonly webhookRoutes: readonly string[];
  readonly syncWorkers: readonly SyncWorker[];
  readonly metrics: ServiceMetrics;
  readonly alarms: readonly IAlarm[];
  readonly oldestMessageAlarmMinutes: number;
}

const fiveMinutes = Duration.minutes(5);

/**
 * One screen, read top to bottom: are alarms firing; are webhooks arriving and accepted; per
 * direction, is the queue draining, what did the worker make of each event, and is it healthy;
 * are the providers pushing back. `docs/runbook.md` explains each widget.
 */
export function serviceDashboard(scope: Construct, props: ServiceDashboardProps): Dashboard {
  const dashboard = new Dashboard(scope, 'Dashboard', {
    dashboardName: props.dashboardName,
    defaultInterval: Duration.hours(3),
  });
  dashboard.addWidgets(
    new TextWidget({
      markdown:
        `# Partnero ⇄ Attio sync — ${props.stageName}\nAlarms, webhooks, then one row per sync ` +
        `direction. What each widget means and what to do: docs/runbook.md.`,
      width: 24,
      height: 2,
    }),
  );
  dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 3 }));
  dashboard.addWidgets(...webhookWidgets(props));
  for (const worker of props.syncWorkers) {
    dashboard.addWidgets(...queueWidgets(worker, props));
    dashboard.addWidgets(...workerWidgets(worker));
  }
  dashboard.addWidgets(
    new GraphWidget({
      title: 'API: all requests, 4xx, 5xx',
      left: [props.api.metricCount({ period: fiveMinutes, label: 'requests' })],
      right: [
        props.api.metricClientError({ period: fiveMinutes, label: '4xx' }),
        props.api.metricServerError({ period: fiveMinutes, label: '5xx' }),
      ],
      width: 12,
    }),
    new GraphWidget({
      title: 'Provider 429s (rate limited)',
      left: METRIC_PROVIDERS.map((provider) => props.metrics.providerRateLimited(provider)),
      width: 12,
    }),
  );
  return dashboard;
}

function webhookWidgets(props: ServiceDashboardProps): IWidget[] {
  return [
    new GraphWidget({
      title: 'Webhook requests',
      left: props.webhookRoutes.map((route) => routeMetric(props.api, route, 'Count', route)),
      width: 8,
    }),
    new GraphWidget({
      title: 'Webhook 4xx / 5xx',
      left: props.webhookRoutes.flatMap((route) => [
        routeMetric(props.api, route, '4xx', `4xx ${route}`),
        routeMetric(props.api, route, '5xx', `5xx ${route}`),
      ]),
      width: 8,
    }),
    new GraphWidget({
      title: 'Webhooks refused: bad signature, unknown program',
      left: METRIC_PROVIDERS.flatMap((provider) => [
        props.metrics.signatureRejected(provider),
        props.metrics.unknownProgram(provider),
      ]),
      width: 8,
    }),
  ];
}

function queueWidgets(worker: SyncWorker, props: ServiceDashboardProps): IWidget[] {
  const { direction } = worker;
  return [
    new GraphWidget({
      title: `${direction}: queue depth`,
      left: [
        worker.queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
          label: 'waiting',
        }),
        worker.queue.metricApproximateNumberOfMessagesNotVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
          label: 'in flight',
        }),
      ],
      width: 6,
    }),
    new GraphWidget({
      title: `${direction}: age of oldest message (s)`,
      left: [
        worker.queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(1),
          statistic: 'Maximum',
          label: 'oldest',
        }),
      ],
      leftAnnotations: [{ value: props.oldestMessageAlarmMinutes * 60, label: 'alarm' }],
      width: 6,
    }),
    new GraphWidget({
      title: `${direction}: dead letters`,
      left: [
        worker.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
          label: 'in DLQ',
        }),
      ],
      width: 6,
    }),
    new GraphWidget({
      title: `${direction}: sync outcomes`,
      left: SYNC_OUTCOMES.map((outcome) => props.metrics.syncOutcome(direction, outcome)),
      stacked: true,
      width: 6,
    }),
  ];
}

function workerWidgets(worker: SyncWorker): IWidget[] {
  const fn = worker.worker;
  if (!fn) return [];
  const period = fiveMinutes;
  return [
    new GraphWidget({
      title: `${worker.direction} worker: invocations, errors, throttles`,
      left: [fn.metricInvocations({ period, label: 'invocations' })],
      right: [fn.metricErrors({ period, label: 'errors' }), fn.metricThrottles({ period, label: 'throttles' })],
      width: 12,
    }),
    new GraphWidget({
      title: `${worker.direction} worker: duration (ms)`,
      left: ['p50', 'p99', 'Maximum'].map((statistic) => fn.metricDuration({ period, statistic, label: statistic })),
      leftAnnotations: worker.workerTimeout ? [{ value: worker.workerTimeout.toMilliseconds(), label: 'timeout' }] : [],
      width: 12,
    }),
  ];
}
