import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Alarm, Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { edgeAbuseAlarms } from '../observability/edge-abuse-alarms';
import { apiServerErrorAlarm, circuitOpenAlarm, syncWorkerAlarms } from '../observability/service-alarms';
import { serviceDashboard } from '../observability/service-dashboard';
import { ServiceMetrics } from '../observability/service-metrics';
import type { SyncWorker } from './sync-worker';

export interface ObservabilityProps {
  readonly stageName: string;
  /** POWERTOOLS_SERVICE_NAME of the functions: the `service` dimension of their custom metrics. */
  readonly serviceName: string;
  readonly api: HttpApi;
  /** Route keys of the webhook routes, charted one by one. */
  readonly webhookRoutes: readonly string[];
  readonly syncWorkers: readonly SyncWorker[];
  readonly alarmEmails: readonly string[];
  readonly oldestMessageAlarmMinutes: number;
}

/**
 * The dashboard and the alarms, and the SNS topic the alarms notify (and clear) on. The topic
 * refuses plain-HTTP publishers; it is not KMS-encrypted because CloudWatch cannot publish to
 * a topic under the AWS-managed SNS key and alarm messages carry only names and numbers.
 */
export class Observability extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: readonly Alarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const prefix = `partnero-attio-sync-${props.stageName}`;
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `Partnero-Attio sync (${props.stageName}) alarms`,
      enforceSSL: true,
    });
    for (const email of props.alarmEmails) this.alarmTopic.addSubscription(new EmailSubscription(email));

    const thresholds = { oldestMessageMinutes: props.oldestMessageAlarmMinutes };
    const metrics = new ServiceMetrics(props.serviceName);
    this.alarms = [
      ...props.syncWorkers.flatMap((worker) => syncWorkerAlarms(this, prefix, worker, thresholds)),
      ...props.syncWorkers.map((worker) => circuitOpenAlarm(this, prefix, worker, metrics)),
      apiServerErrorAlarm(this, prefix, props.api),
      ...edgeAbuseAlarms(this, prefix, props.api, metrics),
    ];
    const action = new SnsAction(this.alarmTopic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      // The all-clear too, so whoever was paged knows when it is over.
      alarm.addOkAction(action);
    }

    this.dashboard = serviceDashboard(this, {
      dashboardName: prefix,
      stageName: props.stageName,
      api: props.api,
      webhookRoutes: props.webhookRoutes,
      syncWorkers: props.syncWorkers,
      metrics,
      alarms: this.alarms,
      oldestMessageAlarmMinutes: props.oldestMessageAlarmMinutes,
    });
  }
}
