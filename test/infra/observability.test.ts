import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  METRIC_DIMENSIONS,
  METRIC_PROVIDERS,
  METRICS,
  METRICS_NAMESPACE,
  SYNC_OUTCOMES,
} from '../../shared/observability/metric-names';
import { syncDirections } from '../../shared/queue/sync-queues';
import { chartedMetrics, dashboardWidgets, type ChartedMetric } from './support/dashboard';
import { catalogWithWorkers, onlyStack, synthesizeService } from './support/service-app';

const emails = ['ops@example.com', 'oncall@example.com'];
const { stack, template } = onlyStack(
  synthesizeService({
    catalog: catalogWithWorkers(),
    context: { 'dev:alarmEmails': emails.join(','), 'dev:oldestMessageAlarmMinutes': '20' },
  }),
);
const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
  (alarm) => alarm.Properties as Record<string, unknown>,
);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnQueue);
const topicRef = stack.resolve(stack.observability.alarmTopic.topicArn) as unknown;
const service = 'partnero-attio-sync-dev';

describe('the alarm topic', () => {
  it('emails every address of the stage config', () => {
    for (const email of emails)
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: email,
        TopicArn: topicRef,
      });
    template.resourceCountIs('AWS::SNS::Subscription', emails.length);
  });

  it('refuses publishers without TLS', () => {
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    expect(policy?.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
  });

  it('is notified when any alarm fires and when it clears', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(3 * syncDirections.length + 1);
    for (const alarm of alarms) expect(alarm).toMatchObject({ AlarmActions: [topicRef], OKActions: [topicRef] });
  });
});

describe.each(syncDirections.map((direction) => [direction]))('the %s alarms', (direction) => {
  const worker = stack.syncWorkers[direction];
  const onQueue = (queue: typeof worker.queue, metricName: string) =>
    alarms.filter(
      (alarm) => alarm.MetricName === metricName && JSON.stringify(alarm.Dimensions).includes(logicalId(queue)),
    );

  it('fire on the first message in the dead-letter queue', () => {
    const [alarm] = onQueue(worker.deadLetterQueue, 'ApproximateNumberOfMessagesVisible');
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('fire when the oldest message is older than the stage threshold', () => {
    const [alarm] = onQueue(worker.queue, 'ApproximateAgeOfOldestMessage');
    expect(alarm).toMatchObject({
      Threshold: 20 * 60,
      ComparisonOperator: 'GreaterThanThreshold',
      Statistic: 'Maximum',
    });
  });

  it("fire on the worker's error rate", () => {
    const functionId = stack.getLogicalId(worker.worker?.node.defaultChild as CfnFunction);
    const errorRate = alarms.filter((alarm) => JSON.stringify(alarm.Metrics ?? []).includes(functionId));
    expect(errorRate).toHaveLength(1);
    const metrics = errorRate[0]!.Metrics as { Expression?: string; MetricStat?: { Metric: { MetricName: string } } }[];
    expect(metrics.find((metric) => metric.Expression)?.Expression).toBe(
      'IF(invocations > 0, 100 * errors / invocations, 0)',
    );
    expect(
      metrics.flatMap((metric) => (metric.MetricStat ? [metric.MetricStat.Metric.MetricName] : [])).sort(),
    ).toEqual(['Errors', 'Invocations']);
  });

  it('fire on the first write the circuit breaker refuses', () => {
    type MetricStat = {
      Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
      Stat: string;
    };
    const statOf = (alarm: Record<string, unknown>) =>
      ((alarm.Metrics ?? []) as { MetricStat?: MetricStat }[])[0]?.MetricStat;
    const circuitOpen = alarms.filter(
      (alarm) =>
        statOf(alarm)?.Metric.MetricName === METRICS.circuitOpen &&
        JSON.stringify(statOf(alarm)?.Metric.Dimensions).includes(`"${direction}"`),
    );
    expect(circuitOpen).toHaveLength(1);
    expect(circuitOpen[0]).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    const stat = statOf(circuitOpen[0]!);
    expect(stat).toMatchObject({ Stat: 'Sum', Metric: { Namespace: METRICS_NAMESPACE } });
    expect(stat?.Metric.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: METRIC_DIMENSIONS.service, Value: service },
        { Name: METRIC_DIMENSIONS.direction, Value: direction },
      ]),
    );
    expect(stat?.Metric.Dimensions).toHaveLength(2);
  });
});

it('alarms on API 5xx', () => {
  const api5xx = alarms.filter((alarm) => alarm.Namespace === 'AWS/ApiGateway' && alarm.MetricName === '5xx');
  expect(api5xx).toHaveLength(1);
  expect(api5xx[0]!.Dimensions).toEqual([{ Name: 'ApiId', Value: stack.resolve(stack.ingress.api.apiId) }]);
});

describe('alarms on abuse of the edge', () => {
  it('alarms on webhook signature rejections of every provider together', () => {
    const [rejections] = alarms.filter((alarm) => String(alarm.AlarmName).endsWith('webhook signature rejections'));
    const queries = (rejections?.Metrics ?? []) as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] } };
    }[];
    expect(queries.find((query) => query.Expression)?.Expression).toBe(METRIC_PROVIDERS.join(' + '));
    const counted = queries.flatMap((query) => (query.MetricStat ? [query.MetricStat.Metric] : []));
    expect(counted.map((metric) => [metric.Namespace, metric.MetricName])).toEqual(
      METRIC_PROVIDERS.map(() => [METRICS_NAMESPACE, METRICS.signatureRejected]),
    );
    expect(
      counted.map(
        (metric) => metric.Dimensions.find((dimension) => dimension.Name === METRIC_DIMENSIONS.provider)?.Value,
      ),
    ).toEqual([...METRIC_PROVIDERS]);
    expect(rejections?.AlarmActions).toEqual([topicRef]);
  });

  it('alarms on a spike of API 4xx answers', () => {
    const api4xx = alarms.filter((alarm) => alarm.Namespace === 'AWS/ApiGateway' && alarm.MetricName === '4xx');
    expect(api4xx).toHaveLength(1);
    expect(api4xx[0]).toMatchObject({
      Dimensions: [{ Name: 'ApiId', Value: stack.resolve(stack.ingress.api.apiId) }],
      Statistic: 'Sum',
      Period: 300,
      AlarmActions: [topicRef],
    });
  });
});

describe('the dashboard', () => {
  const widgets = dashboardWidgets(template);
  const charted: ChartedMetric[] = widgets.flatMap(chartedMetrics);
  /** AWS metrics: these dimensions among others. */
  const charts = (expected: ChartedMetric) =>
    expect(charted).toContainEqual({
      ...expected,
      dimensions: expect.objectContaining(expected.dimensions) as Record<string, string>,
    });
  /** Our metrics: exactly these dimensions, as CloudWatch tells metrics apart by their full set. */
  const chartsExactly = (expected: ChartedMetric) => expect(charted).toContainEqual(expected);
  const custom = (name: string, dimensions: Record<string, string>): ChartedMetric => ({
    namespace: METRICS_NAMESPACE,
    name,
    dimensions: { [METRIC_DIMENSIONS.service]: service, ...dimensions },
  });

  it('shows every alarm', () => {
    const statusWidget = widgets.find((widget) => widget.type === 'alarm');
    expect(statusWidget?.properties.alarms).toHaveLength(alarms.length);
  });

  it('charts requests, 4xx and 5xx of each webhook route', () => {
    const webhookRoutes = stack.ingress.routes.filter((route) => route.startsWith('POST /webhooks/'));
    expect(webhookRoutes.length).toBeGreaterThan(0);
    for (const route of webhookRoutes) {
      for (const name of ['Count', '4xx', '5xx'])
        charts({ namespace: 'AWS/ApiGateway', name, dimensions: { Route: route, Stage: '$default' } });
    }
  });

  it.each(syncDirections.map((direction) => [direction]))(
    'charts the %s queue, its dead letters and its worker',
    (direction) => {
      const worker = stack.syncWorkers[direction];
      const queueName = (queue: typeof worker.queue) => ({ QueueName: `<GetAtt:${logicalId(queue)}.QueueName>` });
      charts({ namespace: 'AWS/SQS', name: 'ApproximateNumberOfMessagesVisible', dimensions: queueName(worker.queue) });
      charts({ namespace: 'AWS/SQS', name: 'ApproximateAgeOfOldestMessage', dimensions: queueName(worker.queue) });
      charts({
        namespace: 'AWS/SQS',
        name: 'ApproximateNumberOfMessagesVisible',
        dimensions: queueName(worker.deadLetterQueue),
      });
      const functionName = {
        FunctionName: `<Ref:${stack.getLogicalId(worker.worker?.node.defaultChild as CfnFunction)}>`,
      };
      for (const name of ['Invocations', 'Errors', 'Duration', 'Throttles'])
        charts({ namespace: 'AWS/Lambda', name, dimensions: functionName });
    },
  );

  it.each(syncDirections.map((direction) => [direction]))(
    'charts every %s sync outcome as the workers emit it',
    (direction) => {
      for (const outcome of SYNC_OUTCOMES) chartsExactly(custom(METRICS.syncOutcome, { direction, outcome }));
    },
  );

  it('charts provider 429s and refused webhooks per provider', () => {
    for (const provider of METRIC_PROVIDERS) {
      chartsExactly(custom(METRICS.providerRateLimited, { provider }));
      chartsExactly(custom(METRICS.signatureRejected, { provider }));
    }
  });
});

describe('the metric names', () => {
  /** Our own sources (not this file's constants): the functions must emit what the dashboard charts. */
  const sources = ['shared', 'functions']
    .flatMap((folder) =>
      readdirSync(join(__dirname, '..', '..', folder), { recursive: true, encoding: 'utf8' }).map((file) =>
        join(folder, file),
      ),
    )
    .filter((file) => file.endsWith('.ts') && !file.endsWith('metric-names.ts'))
    .map((file) => readFileSync(join(__dirname, '..', '..', file), 'utf8'))
    .join('\n');

  it.each(Object.entries(METRICS))('%s (%s) is emitted by the code', (key, name) => {
    expect(sources.includes(`'${name}'`) || sources.includes(`METRICS.${key}`)).toBe(true);
  });

  it('are dimensioned by the names the code adds', () => {
    for (const dimension of [METRIC_DIMENSIONS.direction, METRIC_DIMENSIONS.outcome, METRIC_DIMENSIONS.provider]) {
      expect(sources).toMatch(new RegExp(`addDimension\\(\\s*(?:'${dimension}'|METRIC_DIMENSIONS\\.${dimension})`));
    }
  });
});
