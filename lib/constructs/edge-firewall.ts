import { Arn, ArnFormat, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeFirewallProps {
  readonly stageName: string;
  /**
   * Requests per client IP in 5 minutes to `/webhooks/...`. Partnero and Attio deliver every
   * program's webhooks from a few addresses, so this must stay above a provider's busiest 5 minutes
   * across all programs; it is there so that one address cannot take the whole webhook throttle.
   * @default 15000 (50/s sustained, half of the webhook routes' shared 100/s)
   */
  readonly webhookRequestsPerIp?: number;
  /**
   * Requests per client IP in 5 minutes to every other route (settings page, OAuth, admin,
   * health): people in a browser, or the platform team's tool.
   * @default 600 (2/s sustained; a settings page makes a handful of requests per action)
   */
  readonly pageRequestsPerIp?: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export const DEFAULT_WEBHOOK_REQUESTS_PER_IP = 15_000;
export const DEFAULT_PAGE_REQUESTS_PER_IP = 600;
/** WAF counts each client over a sliding window of this many seconds. */
const EVALUATION_WINDOW_SECONDS = 300;

/**
 * The per-client limit in front of the API: an AWS WAF web ACL for CloudFront (WAF cannot be
 * attached to an API Gateway HTTP API). A `CLOUDFRONT`-scope web ACL exists only in us-east-1,
 * so this construct belongs to the stage's small us-east-1 stack (lib/edge-firewall-stack.ts).
 *
 * Two rate-based rules keyed on the client IP (CloudFront's viewer address, not a header a
 * client could set), one for the webhook routes and one for everything else, so a junk sender
 * gets 429 from CloudFront before it reaches the API's shared per-route throttles
 * (lib/ingress/route-policy.ts). Blocked requests are logged to CloudWatch with the client IP;
 * allowed ones are not (the API's access log has them), which keeps the log cheap.
 */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly blockedRequests: LogGroup;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    if (Stack.of(this).region !== 'us-east-1')
      throw new Error('A CLOUDFRONT-scope web ACL must be created in us-east-1');
    const prefix = `partnero-attio-sync-${props.stageName}`;
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${prefix}-${name}`,
      sampledRequestsEnabled: true,
    });
    const webhookPaths: CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: '/webhooks/',
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const tooMany: CfnWebACL.RuleActionProperty = { block: { customResponse: { responseCode: 429 } } };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: prefix,
      // WAF's descriptions allow letters, digits, spaces and a few signs only (no parentheses, no < >).
      description: `Partnero Attio sync, stage ${props.stageName}: per-client-IP rate limits in front of the API`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      rules: [
        {
          name: 'WebhooksPerClientIp',
          priority: 0,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.webhookRequestsPerIp ?? DEFAULT_WEBHOOK_REQUESTS_PER_IP,
              evaluationWindowSec: EVALUATION_WINDOW_SECONDS,
              scopeDownStatement: webhookPaths,
            },
          },
          visibilityConfig: visibility('webhooks-per-ip'),
        },
        {
          name: 'PagesPerClientIp',
          priority: 1,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.pageRequestsPerIp ?? DEFAULT_PAGE_REQUESTS_PER_IP,
              evaluationWindowSec: EVALUATION_WINDOW_SECONDS,
              scopeDownStatement: { notStatement: { statement: webhookPaths } },
            },
          },
          visibilityConfig: visibility('pages-per-ip'),
        },
      ],
    });

    // WAF writes only to log groups named aws-waf-logs-*, and wants the ARN without the `:*`.
    this.blockedRequests = new LogGroup(this, 'BlockedRequests', {
      logGroupName: `aws-waf-logs-${prefix}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const logGroupArn = Arn.format(
      {
        service: 'logs',
        resource: 'log-group',
        resourceName: this.blockedRequests.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      },
      Stack.of(this),
    );
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [logGroupArn],
      // Redacted in the log: the OAuth callback's code is in the query string, session and admin credentials in these headers.
      redactedFields: [
        { queryString: {} },
        { singleHeader: { Name: 'cookie' } },
        { singleHeader: { Name: 'authorization' } },
      ],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          { Behavior: 'KEEP', Requirement: 'MEETS_ANY', Conditions: [{ ActionCondition: { Action: 'BLOCK' } }] },
        ],
      },
    });
  }
}
