import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { FunctionDefinition } from '../../functions/catalog';
import { DEFAULT_PAGE_REQUESTS_PER_IP, DEFAULT_WEBHOOK_REQUESTS_PER_IP } from '../../lib/constructs/edge-firewall';
import { ENV } from '../../shared/config/environment-names';
import { ORIGIN_VERIFY_HEADER } from '../../shared/security/edge-origin';
import { onlyStack, synthesizeService } from './support/service-app';
import { standInOAuth } from './support/stand-in-functions';

/** A webhook route and a page route that builds links: enough to see what the edge changes. */
const catalog: FunctionDefinition[] = [
  {
    kind: 'http',
    name: 'stand-in-webhook',
    entry: 'functions/health/handler.ts',
    routes: [{ method: 'POST', path: '/webhooks/stand-in/{programId}' }],
    needs: {},
    description: 'stand-in',
  },
  standInOAuth,
];
const edgeOn = { 'dev:edgeProtection': 'true', 'dev:region': 'eu-west-1' };

const protectedService = onlyStack(synthesizeService({ catalog, context: edgeOn }));
const { stack, template } = protectedService;
const firewallStack = Stack.of(stack.edgeFirewall!);
const firewall = Template.fromStack(firewallStack);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

describe('edge protection off (dev and the local stack by default)', () => {
  const { template: plain } = onlyStack(synthesizeService({ catalog }));

  it('puts nothing in front of the API and leaves its routes without an authorizer', () => {
    plain.resourceCountIs('AWS::CloudFront::Distribution', 0);
    plain.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    for (const route of Object.values(plain.findResources('AWS::ApiGatewayV2::Route')))
      expect(route.Properties.AuthorizationType).toBe('NONE');
  });
});

describe('the web ACL (per-client limit)', () => {
  it('lives in its own us-east-1 stack, scoped to CloudFront', () => {
    expect(firewallStack.region).toBe('us-east-1');
    expect(stack.region).toBe('eu-west-1');
    firewall.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('answers 429 to a client IP over its rate, with one limit for the webhooks and one for the pages', () => {
    const [acl] = Object.values(firewall.findResources('AWS::WAFv2::WebACL'));
    const rules = (
      acl?.Properties.Rules as {
        Name: string;
        Action: unknown;
        Statement: { RateBasedStatement: Record<string, unknown> };
      }[]
    ).map((rule) => ({
      name: rule.Name,
      action: rule.Action,
      key: rule.Statement.RateBasedStatement.AggregateKeyType,
      limit: rule.Statement.RateBasedStatement.Limit,
      webhooksOnly: JSON.stringify(rule.Statement.RateBasedStatement.ScopeDownStatement).startsWith(
        '{"ByteMatchStatement"',
      ),
    }));
    expect(rules).toEqual([
      {
        name: 'WebhooksPerClientIp',
        action: { Block: { CustomResponse: { ResponseCode: 429 } } },
        key: 'IP',
        limit: DEFAULT_WEBHOOK_REQUESTS_PER_IP,
        webhooksOnly: true,
      },
      {
        name: 'PagesPerClientIp',
        action: { Block: { CustomResponse: { ResponseCode: 429 } } },
        key: 'IP',
        limit: DEFAULT_PAGE_REQUESTS_PER_IP,
        webhooksOnly: false,
      },
    ]);
    expect(JSON.stringify(acl?.Properties.Rules)).toContain('"SearchString":"/webhooks/"');
  });

  it('takes the stage limits from the stage configuration', () => {
    const tuned = onlyStack(
      synthesizeService({
        catalog,
        context: { ...edgeOn, 'dev:edgeWebhookRequestsPerIp': '40000', 'dev:edgePageRequestsPerIp': '300' },
      }),
    );
    const [acl] = Object.values(
      Template.fromStack(Stack.of(tuned.stack.edgeFirewall!)).findResources('AWS::WAFv2::WebACL'),
    );
    const limits = (acl?.Properties.Rules as { Statement: { RateBasedStatement: { Limit: number } } }[]).map(
      (rule) => rule.Statement.RateBasedStatement.Limit,
    );
    expect(limits).toEqual([40000, 300]);
  });

  it('logs the requests it blocks, with credentials and the query string redacted', () => {
    firewall.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-partnero-attio-sync-dev' });
    firewall.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: Match.arrayWith([{ QueryString: {} }, { SingleHeader: { Name: 'cookie' } }]),
      LoggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          { Behavior: 'KEEP', Requirement: 'MEETS_ANY', Conditions: [{ ActionCondition: { Action: 'BLOCK' } }] },
        ],
      },
    });
  });
});

describe('the CloudFront distribution in front of the API', () => {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  const config = distribution?.Properties.DistributionConfig as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('is attached to the web ACL of the us-east-1 stack (through a cross-region reference)', () => {
    const [readerId] =
      Object.entries(resources).find(([, resource]) => resource.Type === 'Custom::CrossRegionExportReader') ?? [];
    expect(readerId).toBeDefined();
    expect(JSON.stringify(config.WebACLId)).toContain(`"Fn::GetAtt":["${readerId}"`);
    // The us-east-1 stack writes the ACL's ARN where the reader looks for it.
    const [writer] = Object.values(firewall.findResources('Custom::CrossRegionExportWriter'));
    expect(JSON.stringify(writer?.Properties)).toContain(
      `"Fn::GetAtt":["${firewallStack.getLogicalId(stack.edgeFirewall!.webAcl)}","Arn"]`,
    );
  });

  it('caches nothing and forwards every method with the headers, cookies, query and body, all but Host', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      // AWS managed policies: CachingDisabled and AllViewerExceptHostHeader.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ViewerProtocolPolicy: 'https-only',
    });
  });

  it("sends the API's host over HTTPS with the origin secret, resolved from Secrets Manager at deploy (never in the template)", () => {
    const [origin] = config.Origins as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(JSON.stringify(origin?.DomainName)).toContain(logicalId(stack.ingress.api));
    expect(origin?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const header = (origin?.OriginCustomHeaders as { HeaderName: string; HeaderValue: unknown }[]).find(
      (custom) => custom.HeaderName === ORIGIN_VERIFY_HEADER,
    );
    const value = JSON.stringify(header?.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(logicalId(stack.edge!.originSecret));
  });
});

describe('the execute-api URL', () => {
  it('serves every route only behind the authorizer, which API Gateway skips (401) when the header is missing', () => {
    const [authorizerId] =
      Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Authorizer') ?? [];
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 300,
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes).toHaveLength(2);
    for (const route of routes)
      expect(route.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
  });

  it('has an authorizer that may read the origin secret and nothing else', () => {
    const roleId = stack.getLogicalId(stack.edge!.authorizerFunction.role!.node.defaultChild as never);
    const policies = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes(roleId),
    );
    const actions = policies.flatMap((policy) =>
      (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap(
        (statement) => statement.Action,
      ),
    );
    expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'secretsmanager:GetSecretValue']);
    expect(JSON.stringify(policies)).toContain(logicalId(stack.edge!.originSecret));
  });
});

describe('the URLs given to providers and browsers', () => {
  it('are the CloudFront domain: OAuth redirect, webhook targets and settings links are built from it', () => {
    const fn = stack.functions.functions.get('stand-in-oauth');
    const variables = (
      resources[stack.getLogicalId(fn?.node.defaultChild as CfnFunction)]?.Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(variables[ENV.publicApiUrl]).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.edge!.distribution), 'DomainName'] }]],
    });
    template.hasOutput('ApiUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.edge!.distribution), 'DomainName'] }]] },
    });
  });
});

describe('a stage with edge protection and no region', () => {
  it('fails the synth, saying what to set', () => {
    expect(() =>
      synthesizeService({ catalog, context: { ...edgeOn, 'dev:publicApiUrl': 'https://sync.example.com' } }),
    ).toThrow(/publicApiUrl/);
    const previous = process.env.CDK_DEFAULT_REGION;
    delete process.env.CDK_DEFAULT_REGION;
    try {
      expect(() => synthesizeService({ catalog, context: { 'dev:edgeProtection': 'true' } })).toThrow(
        /edgeProtection on, which needs its region: set stages.dev.region/,
      );
    } finally {
      if (previous !== undefined) process.env.CDK_DEFAULT_REGION = previous;
    }
  });
});
