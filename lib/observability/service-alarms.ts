import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { SyncWorker } from '../constructs/sync-worker';
import type { ServiceMetrics } from './service-metrics';

export interface AlarmThresholds {
  /** Sync lag: the oldest message of a sync queue older than this many minutes. */
  readonly oldestMessageMinutes: number;
}

/** Worker invocations that throw (not single failed messages, which are partial batch responses). */
export const WORKER_ERROR_RATE_PERCENT = 5;
/** 5xx answers of the API in five minutes: each is a webhook the provider must redeliver, or a user who saw an error page. */
export const API_5XX_PER_5_MINUTES = 5;

const runbook = 'See docs/runbook.md';

/**
 * The alarms that mean someone should look now. Each description says what it means and
 * where the runbook picks up; `docs/runbook.md` has a section per alarm.
 */
export function syncWorkerAlarms(
  scope: Construct,
  prefix: string,
  worker: SyncWorker,
  thresholds: AlarmThresholds,
): Alarm[] {
  const { direction } = worker;
  const alarms = [
    new Alarm(scope, `${worker.node.id}DeadLetters`, {
      alarmName: `${prefix} ${direction} dead letters`,
      alarmDescription: `A ${direction} event failed every retry and is in the dead-letter queue with its reason. ${runbook}, "Dead letters".`,
      metric: worker.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(scope, `${worker.node.id}SyncLag`, {
      alarmName: `${prefix} ${direction} sync lag`,
      alarmDescription:
        `The oldest ${direction} event has waited more than ${thresholds.oldestMessageMinutes} min: the worker is failing, ` +
        `throttled or rate-limited by the provider. ${runbook}, "Sync lag".`,
      metric: worker.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: thresholds.oldestMessageMinutes * 60,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
  ];
  if (worker.worker) alarms.push(workerErrorRateAlarm(scope, prefix, worker.node.id, direction, worker.worker));
  return alarms;
}

function workerErrorRateAlarm(scope: Construct, prefix: string, id: string, direction: string, fn: IFunction): Alarm {
  const period = Duration.minutes(5);
  return new Alarm(scope, `${id}WorkerErrors`, {
    alarmName: `${prefix} ${direction} worker errors`,
    alarmDescription:
      `More than ${WORKER_ERROR_RATE_PERCENT}% of ${direction} worker invocations failed as a whole (configuration, ` +
      `permissions, a crash before any message was handled). ${runbook}, "Worker errors".`,
    metric: new MathExpression({
      expression: 'IF(invocations > 0, 100 * errors / invocations, 0)',
      usingMetrics: {
        invocations: fn.metricInvocations({ period, statistic: 'Sum' }),
        errors: fn.metricErrors({ period, statistic: 'Sum' }),
      },
      period,
      label: 'error rate (%)',
    }),
    threshold: WORKER_ERROR_RATE_PERCENT,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/**
 * A record was written so often that the circuit breaker refused a write: most likely a loop
 * between the two directions that echo suppression missed. The first refusal is enough.
 */
export function circuitOpenAlarm(scope: Construct, prefix: string, worker: SyncWorker, metrics: ServiceMetrics): Alarm {
  const { direction } = worker;
  return new Alarm(scope, `${worker.node.id}CircuitOpen`, {
    alarmName: `${prefix} ${direction} circuit open`,
    alarmDescription:
      `A record of the ${direction} sync was written more often than the circuit breaker allows, and its writes are refused ` +
      `(audited "rejected", reason "circuit open"): probably a sync loop. ${runbook}, "Circuit open".`,
    metric: metrics.circuitOpen(direction),
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

export function apiServerErrorAlarm(scope: Construct, prefix: string, api: HttpApi): Alarm {
  return new Alarm(scope, 'Api5xx', {
    alarmName: `${prefix} API 5xx`,
    alarmDescription:
      `The API answered 5xx at least ${API_5XX_PER_5_MINUTES} times in 5 minutes: webhooks are being refused (providers ` +
      `retry) or a page is failing. ${runbook}, "API 5xx".`,
    metric: api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
    threshold: API_5XX_PER_5_MINUTES,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
