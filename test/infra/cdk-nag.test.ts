import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { catalogWithWorkers, synthesizeService } from './support/service-app';

const service = synthesizeService({ stages: 'dev,prod', catalog: catalogWithWorkers() });

/** Every acknowledgement in the tree: rule id, reason and where. */
function acknowledgements(root: IConstruct): { id: string; reason: string; path: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          reason,
          path: construct.node.path,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports nothing unacknowledged in dev and prod', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(service.app);
    // Assess
    const findings = report.violations.map(
      (violation) =>
        `${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('has only the acknowledgements argued for in the constructs, each with a written reason', () => {
    const found = acknowledgements(service.app);
    expect([...new Set(found.map((acknowledgement) => acknowledgement.id))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
    ]);
    for (const acknowledgement of found) expect(acknowledgement.reason.length).toBeGreaterThan(60);
  });

  it('acknowledges APIG4 route by route, never for the whole API or stack', () => {
    const apig4 = acknowledgements(service.app).filter(
      (acknowledgement) => acknowledgement.id === 'AwsSolutions-APIG4',
    );
    expect(apig4.length).toBeGreaterThan(0);
    for (const acknowledgement of apig4)
      expect(acknowledgement.path).toMatch(/\/Ingress\/Api\/(GET|POST|PUT|PATCH|DELETE)--/);
  });

  it('still finds what nobody acknowledged (the check is not vacuous)', () => {
    // Prepare: a queue without a dead-letter queue next to the service
    const { app, stacks } = synthesizeService();
    new Queue(stacks[0]!, 'Unguarded', { enforceSSL: true });
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);
    // Assess
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(['AwsSolutions-SQS3']);
  });

  it('runs on every synth of the app: a finding fails it', () => {
    // Prepare
    const { app, stacks } = synthesizeService();
    new Queue(stacks[0]!, 'Unguarded', { enforceSSL: true });
    // Act, Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
