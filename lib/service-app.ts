import { RemovalPolicy, Validations, type App } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionDefinition } from '../functions/catalog';
import { readStageConfig, requestedStages } from './stage-config';
import { EdgeFirewallStack } from './edge-firewall-stack';
import { SyncServiceStack } from './sync-service-stack';

export function stackNameFor(stageName: string): string {
  return `PartneroAttioSync-${stageName}`;
}

export function edgeFirewallStackNameFor(stageName: string): string {
  return `PartneroAttioSync-${stageName}-edge-firewall`;
}

/**
 * One stack per requested stage (`-c stage=prod`, `-c stage=dev,prod`; `dev` by default), and
 * cdk-nag's AwsSolutions pack on every synth: an unacknowledged finding fails the synth.
 * Acknowledgements live next to what they acknowledge, each with its reason.
 */
export function buildServiceApp(
  app: App,
  options: { readonly catalog?: readonly FunctionDefinition[] } = {},
): SyncServiceStack[] {
  const stacks = requestedStages(app.node).map((stageName) => {
    const config = readStageConfig(app.node, stageName);
    const tags = { service: 'partnero-attio-sync', stage: stageName };
    // Edge protection spans two regions (CloudFront's web ACL lives in us-east-1), and CDK's
    // cross-region references need both stacks' regions at synth; without it the stack stays
    // environment-agnostic, as before.
    const region = config.edgeProtection ? (config.region ?? process.env.CDK_DEFAULT_REGION) : undefined;
    if (config.edgeProtection && !region) {
      throw new Error(
        `Stage "${stageName}" has edgeProtection on, which needs its region: set stages.${stageName}.region or deploy with a profile that has one`,
      );
    }
    const account = process.env.CDK_DEFAULT_ACCOUNT;
    const edgeFirewall = config.edgeProtection
      ? new EdgeFirewallStack(app, edgeFirewallStackNameFor(stageName), {
          env: { account, region: 'us-east-1' },
          stageName,
          webhookRequestsPerIp: config.edgeWebhookRequestsPerIp,
          pageRequestsPerIp: config.edgePageRequestsPerIp,
          logRetention: config.logRetentionDays as RetentionDays,
          removalPolicy: config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
          description: `Partnero <-> Attio sync (${stageName}): CloudFront's web ACL (us-east-1)`,
          tags,
        }).firewall
      : undefined;
    return new SyncServiceStack(app, stackNameFor(stageName), {
      config,
      edgeFirewall,
      ...(region ? { env: { account, region }, crossRegionReferences: true } : {}),
      catalog: options.catalog,
      description: `Partnero <-> Attio two-way sync (${stageName})`,
      tags,
    });
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stacks;
}
