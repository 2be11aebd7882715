import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole, IRole } from 'aws-cdk-lib/aws-iam';
import type { Stack } from 'aws-cdk-lib';

export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly resources: unknown[];
  readonly condition?: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every statement of the role's inline policies (CDK's DefaultPolicy and any other attached). */
export function statementsOfRole(template: Template, stack: Stack, role: IRole): Statement[] {
  const roleId = stack.getLogicalId(role.node.defaultChild as CfnRole);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: unknown[]; PolicyDocument: { Statement: RawStatement[] } };
  }[];
  return policies
    .filter((policy) => policy.Properties.Roles.some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement.map(normalise));
}

/** Every statement of every identity policy in the template: inline policies and roles' own. */
export function allIdentityStatements(template: Template): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { PolicyDocument: { Statement: RawStatement[] } };
  }[];
  const roles = Object.values(template.findResources('AWS::IAM::Role')) as {
    Properties: { Policies?: { PolicyDocument: { Statement: RawStatement[] } }[] };
  }[];
  return [
    ...policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement),
    ...roles.flatMap((role) => (role.Properties.Policies ?? []).flatMap((policy) => policy.PolicyDocument.Statement)),
  ].map(normalise);
}

interface RawStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

function normalise(statement: RawStatement): Statement {
  return {
    effect: statement.Effect,
    actions: asArray(statement.Action),
    resources: asArray(statement.Resource),
    condition: statement.Condition,
  };
}

/** Stable text of an intrinsic (`{ "Fn::GetAtt": [...] }`), to compare resources. */
export const keyOf = (value: unknown): string => JSON.stringify(value);
