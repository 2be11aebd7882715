import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  serviceFunctions,
  type FunctionDefinition,
  type HttpFunctionDefinition,
  type QueueWorkerDefinition,
  type ScheduledFunctionDefinition,
} from '../functions/catalog';
import { serviceNameFor } from '../shared/observability/metric-names';
import { deliveryDelaySecondsOf, syncDirections, type SyncDirection } from '../shared/queue/sync-queues';
import { AppSecrets } from './constructs/app-secrets';
import { EdgeProtection } from './constructs/edge-protection';
import type { EdgeFirewall } from './constructs/edge-firewall';
import {
  CatalogFunctions,
  pascalCase,
  timeoutSecondsOf,
  DEFAULT_WORKER_TIMEOUT_SECONDS,
} from './constructs/catalog-functions';
import { Ingress } from './constructs/ingress';
import { Observability } from './constructs/observability';
import { ScheduledJobs } from './constructs/scheduled-jobs';
import { SyncStore } from './constructs/sync-store';
import { SyncWorker } from './constructs/sync-worker';
import { TokenKey } from './constructs/token-key';
import { maxConcurrencyFor, type StageConfig } from './stage-config';

export interface SyncServiceStackProps extends StackProps {
  readonly config: StageConfig;
  /** The functions to deploy; `functions/catalog.ts` unless a test brings its own. */
  readonly catalog?: readonly FunctionDefinition[];
  /** The stage's web ACL (its us-east-1 stack) when edge protection is on: CloudFront then fronts the API. */
  readonly edgeFirewall?: EdgeFirewall;
}

/**
 * The service, as in the README's diagram:
 *
 *   [EdgeProtection: CloudFront + WAF, prod] ──▶ Ingress (HTTP API) ──▶ webhook functions ──▶ SyncWorker × 2 (FIFO queue, DLQ, worker) ──▶ providers
 *        └──▶ OAuth, settings, admin functions        │
 *   SyncStore (tables) · AppSecrets · TokenKey ◀───────┘   Observability (dashboard, alarms, SNS)
 *   ScheduledJobs (EventBridge rules) ──▶ backfill runner, reconciliation ──▶ sync queues
 *
 * Every Lambda comes from functions/catalog.ts and gets what its `needs` say, nothing more.
 */
export class SyncServiceStack extends Stack {
  readonly store: SyncStore;
  readonly secrets: AppSecrets;
  readonly tokenKey: TokenKey;
  readonly ingress: Ingress;
  /** CloudFront in front of the API, when the stage has `edgeProtection` on. */
  readonly edge?: EdgeProtection;
  /** Its web ACL, in the stage's us-east-1 stack. */
  readonly edgeFirewall?: EdgeFirewall;
  readonly syncWorkers: Readonly<Record<SyncDirection, SyncWorker>>;
  readonly functions: CatalogFunctions;
  readonly scheduledJobs: ScheduledJobs;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: SyncServiceStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as RetentionDays;
    const serviceName = serviceNameFor(config.stageName);
    const catalog = props.catalog ?? serviceFunctions;
    const httpFunctions = catalog.filter(
      (definition): definition is HttpFunctionDefinition => definition.kind === 'http',
    );
    const queueWorkers = catalog.filter(
      (definition): definition is QueueWorkerDefinition => definition.kind === 'queue-worker',
    );
    const scheduled = catalog.filter(
      (definition): definition is ScheduledFunctionDefinition => definition.kind === 'scheduled',
    );

    this.store = new SyncStore(this, 'Store', { removalPolicy });
    this.secrets = new AppSecrets(this, 'AppSecrets', { removalPolicy });
    this.tokenKey = new TokenKey(this, 'TokenKey', { stageName: config.stageName, removalPolicy });
    this.ingress = new Ingress(this, 'Ingress', { stageName: config.stageName, logRetention, removalPolicy });
    this.edgeFirewall = props.edgeFirewall;
    if (props.edgeFirewall) {
      this.edge = new EdgeProtection(this, 'Edge', {
        stageName: config.stageName,
        serviceName,
        api: this.ingress.api,
        webAclArn: props.edgeFirewall.webAcl.attrArn,
        logRetention,
        removalPolicy,
      });
      this.ingress.protectWith(this.edge.authorizer);
    }

    // Queues before functions: webhooks send to them, workers consume them.
    const syncWorkers = mapDirections((direction) => {
      // Attio -> Partnero: one event window, so that no change is lost to its route's deduplication.
      const delaySeconds = deliveryDelaySecondsOf(direction, config.attioEventWindowSeconds);
      return new SyncWorker(this, pascalCase(direction), {
        direction,
        stageName: config.stageName,
        workerTimeout: Duration.seconds(workerTimeoutSecondsFor(queueWorkers, direction)),
        deliveryDelay: delaySeconds > 0 ? Duration.seconds(delaySeconds) : undefined,
        maxConcurrency: maxConcurrencyFor(config, direction),
        removalPolicy,
      });
    });
    this.syncWorkers = syncWorkers;

    this.functions = new CatalogFunctions(this, 'Functions', {
      resources: { store: this.store, secrets: this.secrets, tokenKey: this.tokenKey, syncWorkers },
      endpoints: {
        syncTableName: this.store.syncTable.tableName,
        queueUrls: mapDirections((direction) => syncWorkers[direction].queue.queueUrl),
        deadLetterQueueUrls: mapDirections((direction) => syncWorkers[direction].deadLetterQueue.queueUrl),
        appSecretArn: this.secrets.secret.secretArn,
        tokenKeyArn: this.tokenKey.key.keyArn,
        // With edge protection the execute-api URL refuses everyone but CloudFront: links and webhook targets use CloudFront's.
        publicApiUrl: config.publicApiUrl ?? this.edge?.url ?? this.ingress.url,
        attioApiUrl: config.attioApiUrl,
        attioAppUrl: config.attioAppUrl,
        partneroApiUrl: config.partneroApiUrl,
        auditRetentionDays: config.auditRetentionDays,
        attioEventWindowSeconds: config.attioEventWindowSeconds,
        providerBudgets: {
          attioWritesPerSecond: config.attioWritesPerSecond,
          attioReadsPerSecond: config.attioReadsPerSecond,
          partneroRequestsPerSecond: config.partneroRequestsPerSecond,
        },
      },
      serviceName,
      logRetention,
      removalPolicy,
    });
    for (const definition of httpFunctions) this.ingress.addFunction(definition, this.functions.create(definition));
    for (const definition of queueWorkers) syncWorkers[definition.direction].consume(this.functions.create(definition));
    this.scheduledJobs = new ScheduledJobs(this, 'ScheduledJobs');
    for (const definition of scheduled) this.scheduledJobs.add(definition, this.functions.create(definition));
    for (const worker of Object.values(syncWorkers)) {
      if (!worker.worker)
        Annotations.of(worker).addWarningV2(
          'sync:no-worker',
          `No queue worker in the catalog consumes ${worker.direction}`,
        );
    }

    this.observability = new Observability(this, 'Observability', {
      stageName: config.stageName,
      serviceName,
      api: this.ingress.api,
      webhookRoutes: this.ingress.routes.filter((route) => route.startsWith('POST /webhooks/')),
      syncWorkers: Object.values(syncWorkers),
      alarmEmails: config.alarmEmails,
      oldestMessageAlarmMinutes: config.oldestMessageAlarmMinutes,
    });
    if (config.alarmEmails.length === 0 && removalPolicy === RemovalPolicy.RETAIN) {
      Annotations.of(this).addWarningV2(
        'sync:no-alarm-emails',
        `Stage ${config.stageName} keeps its data but emails no one on alarms; set alarmEmails`,
      );
    }

    // What operators and the replay script need (docs/deploy.md, docs/runbook.md).
    new CfnOutput(this, 'ApiUrl', { value: this.edge?.url ?? this.ingress.url });
    if (this.edge)
      new CfnOutput(this, 'ExecuteApiUrl', {
        value: this.ingress.url,
        description: 'Answers 401 to anyone but CloudFront',
      });
    new CfnOutput(this, 'AppSecretArn', { value: this.secrets.secret.secretArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.alarmTopic.topicArn });
    new CfnOutput(this, 'SyncTableName', { value: this.store.syncTable.tableName });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
    for (const direction of syncDirections) {
      const id = pascalCase(direction);
      new CfnOutput(this, `${id}QueueUrl`, { value: syncWorkers[direction].queue.queueUrl });
      new CfnOutput(this, `${id}DeadLetterQueueUrl`, { value: syncWorkers[direction].deadLetterQueue.queueUrl });
    }
  }
}

/** The catalog's worker for a direction decides its queue's visibility timeout (6 x its timeout). */
function workerTimeoutSecondsFor(queueWorkers: readonly QueueWorkerDefinition[], direction: SyncDirection): number {
  const definition = queueWorkers.find((worker) => worker.direction === direction);
  return definition ? timeoutSecondsOf(definition) : DEFAULT_WORKER_TIMEOUT_SECONDS;
}

function mapDirections<T>(value: (direction: SyncDirection) => T): Record<SyncDirection, T> {
  return Object.fromEntries(syncDirections.map((direction) => [direction, value(direction)])) as Record<
    SyncDirection,
    T
  >;
}
