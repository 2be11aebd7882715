import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { ENV } from '../../shared/config/environment-names';
import { SyncWorker } from '../../lib/constructs/sync-worker';
import { MAX_RECEIVE_COUNT, syncDirections } from '../../shared/queue/sync-queues';
import { catalogWithWorkers, onlyStack, scratchApp, synthesizeService } from './support/service-app';

// Concurrency and the Attio event window set on the command line, to prove they flow from stage config to the queues.
const { stack, template } = onlyStack(
  synthesizeService({
    catalog: catalogWithWorkers(),
    context: {
      'dev:partneroToAttioMaxConcurrency': '4',
      'dev:attioToPartneroMaxConcurrency': '3',
      'dev:attioEventWindowSeconds': '7',
    },
  }),
);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const ref = (value: unknown): string => JSON.stringify(stack.resolve(value));
const logicalIdOf = (value: unknown): string => (stack.resolve(value) as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];

describe.each(syncDirections.map((direction) => [direction]))('the %s sync worker', (direction) => {
  const worker = stack.syncWorkers[direction];
  const queue = () => resources[logicalIdOf(worker.queue.queueArn)]!.Properties;
  const deadLetterQueue = () => resources[logicalIdOf(worker.deadLetterQueue.queueArn)]!.Properties;
  const mapping = () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (candidate) => JSON.stringify(candidate.Properties.EventSourceArn) === ref(worker.queue.queueArn),
    );
    expect(mappings).toHaveLength(1);
    return mappings[0]!.Properties as Record<string, unknown>;
  };

  it('queues on FIFO with SQS-managed encryption and a stage-prefixed name', () => {
    expect(queue()).toMatchObject({
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      QueueName: `partnero-attio-sync-dev-${direction}.fifo`,
    });
  });

  it('is a high-throughput FIFO queue: deduplication and throughput per message group (a program lane), not per queue', () => {
    expect(queue()).toMatchObject({ DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
  });

  it('holds messages back by the Attio event window on the Attio -> Partnero queue only', () => {
    // The Attio route drops identical events of one window: the one kept must be read after the window closed.
    expect(queue().DelaySeconds).toBe(direction === 'attio-to-partnero' ? 7 : undefined);
  });

  it('moves a message to a FIFO dead-letter queue after MAX_RECEIVE_COUNT receives', () => {
    expect(queue().RedrivePolicy).toEqual({
      deadLetterTargetArn: stack.resolve(worker.deadLetterQueue.queueArn),
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(deadLetterQueue()).toMatchObject({
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      QueueName: `partnero-attio-sync-dev-${direction}-dlq.fifo`,
    });
  });

  it('keeps dead letters (and waiting messages) for 14 days', () => {
    expect(deadLetterQueue().MessageRetentionPeriod).toBe(14 * 24 * 3600);
    expect(queue().MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('refuses requests without TLS on both queues', () => {
    for (const queueArn of [worker.queue.queueArn, worker.deadLetterQueue.queueArn]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: stack.resolve(queueArn),
            }),
          ]),
        },
      });
    }
  });

  it('has a visibility timeout of at least 6 x its worker function timeout', () => {
    const functionId = (mapping().FunctionName as { Ref: string }).Ref;
    const timeout = resources[functionId]!.Properties.Timeout as number;
    expect(timeout).toBeGreaterThan(0);
    expect(queue().VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('feeds its worker batches of 10 with partial batch responses, capped at the stage concurrency', () => {
    expect(mapping()).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: direction === 'partnero-to-attio' ? 4 : 3 },
    });
  });

  it('gives the Attio webhook function the same window as the queue delay', () => {
    const webhook = stack.functions.functions.get('attio-webhook')?.node.defaultChild as CfnFunction;
    const variables = resources[stack.getLogicalId(webhook)]!.Properties.Environment as { Variables: object };
    expect(variables.Variables).toMatchObject({ [ENV.attioEventWindowSeconds]: '7' });
  });

  it('never lets a worker read or purge its dead-letter queue', () => {
    const dlq = ref(worker.deadLetterQueue.queueArn);
    const workerRole = ref(worker.worker?.role?.roleName);
    const policies = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === workerRole))
      .flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
      );
    expect(policies.length).toBeGreaterThan(0);
    const onDlq = policies.filter((statement) =>
      [statement.Resource].flat().some((resource) => JSON.stringify(resource) === dlq),
    );
    expect(onDlq.flatMap((statement) => [statement.Action].flat())).toEqual(['sqs:SendMessage']);
  });
});

describe('the 6 x visibility rule', () => {
  const newScope = () => new Stack(scratchApp(), 'Scratch');
  const props = { stageName: 'test', maxConcurrency: 2, removalPolicy: RemovalPolicy.DESTROY } as const;

  it('fails the synth when the visibility timeout is shorter than 6 x the worker timeout', () => {
    expect(
      () =>
        new SyncWorker(newScope(), 'Worker', {
          ...props,
          direction: 'partnero-to-attio',
          workerTimeout: Duration.seconds(60),
          visibilityTimeout: Duration.seconds(300),
        }),
    ).toThrow(/less than 6 x the worker's timeout of 60 s \(360 s\)/);
  });

  it('fails when the attached worker is slower than the queue was sized for', () => {
    // Prepare
    const scope = newScope();
    const worker = new SyncWorker(scope, 'Worker', {
      ...props,
      direction: 'attio-to-partnero',
      workerTimeout: Duration.seconds(30),
    });
    const slow = new LambdaFunction(scope, 'Slow', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler=1'),
      timeout: Duration.seconds(31),
    });
    // Act, Assess
    expect(() => worker.consume(slow)).toThrow(/less than 6 x the worker's timeout of 31 s/);
  });

  it('sizes the visibility timeout to exactly 6 x by default', () => {
    const worker = new SyncWorker(newScope(), 'Worker', {
      ...props,
      direction: 'attio-to-partnero',
      workerTimeout: Duration.seconds(45),
    });
    expect(worker.visibilityTimeout.toSeconds()).toBe(270);
  });

  it('refuses a max concurrency Lambda would reject', () => {
    expect(
      () =>
        new SyncWorker(newScope(), 'Worker', {
          ...props,
          maxConcurrency: 1,
          direction: 'attio-to-partnero',
          workerTimeout: Duration.seconds(45),
        }),
    ).toThrow(/maxConcurrency must be an integer from 2 to 1000/);
  });
});
