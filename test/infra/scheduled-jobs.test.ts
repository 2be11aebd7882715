import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { scheduledFunctions } from '../../functions/catalog';
import { onlyStack, synthesizeService } from './support/service-app';

const { stack, template } = onlyStack(synthesizeService());
const resolve = (value: unknown): unknown => stack.resolve(value);

type RuleResource = {
  Properties: {
    ScheduleExpression: string;
    State: string;
    Targets: { Arn: unknown; RetryPolicy?: { MaximumRetryAttempts?: number } }[];
  };
};
type PermissionResource = {
  Properties: { Action: string; Principal: string; FunctionName: unknown; SourceArn: unknown };
};

/** Minutes between runs of an EventBridge `rate(...)` (the CDK writes 360 minutes as `rate(6 hours)`). */
function minutesOf(expression: string): number | undefined {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (!match) return undefined;
  const perUnit: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };
  return Number(match[1]) * (perUnit[match[2] as string] as number);
}

describe('scheduled jobs', () => {
  it('the catalog has the backfill runner, the reconciliation job and the partner figures refresh', () => {
    expect(scheduledFunctions.map((definition) => definition.name).sort()).toEqual([
      'backfill-runner',
      'partner-performance',
      'reconciliation',
    ]);
  });

  it('has one EventBridge rule per scheduled function and no other', () => {
    expect(Object.keys(template.findResources('AWS::Events::Rule'))).toHaveLength(scheduledFunctions.length);
  });

  describe.each(scheduledFunctions.map((definition) => [definition.name, definition] as const))(
    '%s',
    (name, definition) => {
      const fn = stack.functions.functions.get(name);
      const functionArn = resolve(fn?.functionArn);
      const rule = stack.scheduledJobs.rules.get(name);
      const ruleLogicalId = stack.getLogicalId(rule?.node.defaultChild as CfnFunction);

      it('is invoked at its catalog rate, once per tick, with no EventBridge retry', () => {
        // Act
        const resource = template.toJSON().Resources[ruleLogicalId] as RuleResource;
        // Assess
        expect(minutesOf(resource.Properties.ScheduleExpression)).toBe(definition.everyMinutes);
        expect(resource.Properties.State).toBe('ENABLED');
        expect(resource.Properties.Targets).toHaveLength(1);
        expect(resource.Properties.Targets[0]?.Arn).toEqual(functionArn);
        expect(resource.Properties.Targets[0]?.RetryPolicy?.MaximumRetryAttempts).toBe(0);
      });

      it('may be invoked by its rule and by no other source', () => {
        // Act
        const permissions = (
          Object.values(template.findResources('AWS::Lambda::Permission')) as PermissionResource[]
        ).filter((permission) => JSON.stringify(permission.Properties.FunctionName) === JSON.stringify(functionArn));
        // Assess
        expect(permissions.map((permission) => permission.Properties)).toEqual([
          {
            Action: 'lambda:InvokeFunction',
            Principal: 'events.amazonaws.com',
            FunctionName: functionArn,
            SourceArn: resolve(rule?.ruleArn),
          },
        ]);
      });
    },
  );
});
