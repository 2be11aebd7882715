import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { buildServiceApp } from '../../lib/service-app';
import { catalogWithWorkers, scratchApp, synthesizeService } from './support/service-app';

const { stacks } = synthesizeService({ stages: 'dev,prod', catalog: catalogWithWorkers() });
// Template.fromStack also refuses a template with a dependency cycle, which CloudFormation would reject.
const templates = Object.fromEntries(stacks.map((stack) => [stack.stackName, Template.fromStack(stack)]));

/** Properties that become physical names in the account: they must differ between stages. */
const namingProperties =
  /^(QueueName|AliasName|DashboardName|AlarmName|TableName|FunctionName|LogGroupName|TopicName|RoleName|Name)$/;

function physicalNames(template: Template): string[] {
  const names: string[] = [];
  for (const resource of Object.values(
    template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>,
  )) {
    for (const [property, value] of Object.entries(resource.Properties ?? {})) {
      if (namingProperties.test(property) && typeof value === 'string') names.push(value);
    }
  }
  return names;
}

describe('two stages in one app', () => {
  it('are two stacks named after their stage', () => {
    expect(stacks.map((stack) => stack.stackName)).toEqual(['PartneroAttioSync-dev', 'PartneroAttioSync-prod']);
  });

  it('share no physical name, and each name carries its stage', () => {
    // Act
    const dev = physicalNames(templates['PartneroAttioSync-dev']!);
    const prod = physicalNames(templates['PartneroAttioSync-prod']!);
    // Assess
    expect(dev.length).toBeGreaterThan(5);
    expect(dev.filter((name) => prod.includes(name))).toEqual([]);
    for (const name of dev) expect(name).toContain('dev');
    for (const name of prod) expect(name).toContain('prod');
  });

  it('keep their data in prod and remove it with a dev stack', () => {
    const stateful = [
      'AWS::DynamoDB::Table',
      'AWS::KMS::Key',
      'AWS::SecretsManager::Secret',
      'AWS::SQS::Queue',
      'AWS::Logs::LogGroup',
    ];
    for (const type of stateful) {
      const policies = (stackName: string) =>
        Object.values(templates[stackName]!.findResources(type)).map((resource) => resource.DeletionPolicy as string);
      expect(new Set(policies('PartneroAttioSync-prod'))).toEqual(new Set(['Retain']));
      expect(new Set(policies('PartneroAttioSync-dev'))).toEqual(new Set(['Delete']));
    }
  });
});

it('builds the dev stage when no stage is given', () => {
  const app = scratchApp({ ...cdkJson.context, 'aws:cdk:bundling-stacks': [] });
  expect(buildServiceApp(app).map((stack) => stack.stackName)).toEqual(['PartneroAttioSync-dev']);
});
