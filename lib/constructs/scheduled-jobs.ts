import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { ScheduledFunctionDefinition } from '../../functions/catalog';
import { pascalCase } from './catalog-functions';

/**
 * The catalog's scheduled functions, each invoked by an EventBridge rule at its rate. A failed
 * invocation is not retried by EventBridge: the next tick starts over from the checkpoints the
 * jobs keep themselves (backfill) or from scratch (reconciliation), which is the retry.
 */
export class ScheduledJobs extends Construct {
  private readonly built = new Map<string, Rule>();

  add(definition: ScheduledFunctionDefinition, fn: IFunction): Rule {
    if (!Number.isInteger(definition.everyMinutes) || definition.everyMinutes < 1)
      throw new Error(`${definition.name}: everyMinutes must be a whole number of minutes, at least 1`);
    const rule = new Rule(this, pascalCase(definition.name), {
      schedule: Schedule.rate(Duration.minutes(definition.everyMinutes)),
      description: `Runs ${definition.name} every ${definition.everyMinutes} min: ${definition.description}`.slice(
        0,
        512,
      ),
    });
    rule.addTarget(new LambdaFunction(fn, { retryAttempts: 0 }));
    this.built.set(definition.name, rule);
    return rule;
  }

  /** Every rule built so far, by catalog name. */
  get rules(): ReadonlyMap<string, Rule> {
    return this.built;
  }
}
