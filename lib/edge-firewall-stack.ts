import { Stack, type StackProps, type RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { EdgeFirewall } from './constructs/edge-firewall';

export interface EdgeFirewallStackProps extends StackProps {
  readonly stageName: string;
  readonly webhookRequestsPerIp?: number;
  readonly pageRequestsPerIp?: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The one part of a stage that must live in us-east-1: CloudFront's web ACL. The service stack
 * (any region) references it with CDK's `crossRegionReferences`, which writes the ACL's ARN to
 * an SSM parameter here and reads it there, so `cdk deploy` orders the two stacks by itself.
 */
export class EdgeFirewallStack extends Stack {
  readonly firewall: EdgeFirewall;

  constructor(scope: Construct, id: string, props: EdgeFirewallStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.firewall = new EdgeFirewall(this, 'Firewall', props);
  }
}
