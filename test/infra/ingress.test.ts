import { Match } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { httpFunctions, type FunctionDefinition } from '../../functions/catalog';
import { routePolicies, STAGE_THROTTLE } from '../../lib/ingress/route-policy';
import { ENV } from '../../shared/config/environment-names';
import { onlyStack, synthesizeService } from './support/service-app';
import { standInOAuth } from './support/stand-in-functions';

const { stack, template } = onlyStack(synthesizeService());
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const catalogRoutes = httpFunctions.flatMap((definition) =>
  definition.routes.map((route) => ({ definition, routeKey: `${route.method} ${route.path}` })),
);

describe('routes', () => {
  it.each(catalogRoutes.map(({ definition, routeKey }) => [routeKey, definition.name]))(
    '%s is integrated with the %s Lambda',
    (routeKey, name) => {
      // Prepare
      const fn = stack.functions.functions.get(name);
      const functionId = stack.getLogicalId(fn?.node.defaultChild as CfnFunction);
      const [route] = Object.values(resources).filter(
        (resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === routeKey,
      );
      // Act
      // Target is `integrations/<id>`, joined from a Ref to the integration.
      const integrationId = /"Ref":"([^"]+)"/.exec(JSON.stringify(route?.Properties.Target))?.[1] ?? '';
      const integration = resources[integrationId];
      // Assess
      expect(route?.Properties.AuthorizationType).toBe('NONE');
      expect(integration).toMatchObject({
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] },
          PayloadFormatVersion: '2.0',
        },
      });
    },
  );

  it('serves the catalog routes and nothing else', () => {
    const served = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey as string,
    );
    expect(served.sort()).toEqual(catalogRoutes.map(({ routeKey }) => routeKey).sort());
  });

  it('lets API Gateway invoke each function only from this API', () => {
    for (const name of httpFunctions.map((definition) => definition.name)) {
      const functionId = stack.getLogicalId(stack.functions.functions.get(name)?.node.defaultChild as CfnFunction);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
        SourceArn: Match.objectLike({
          'Fn::Join': Match.arrayWith([
            Match.arrayWith([{ Ref: stack.getLogicalId(stack.ingress.api.node.defaultChild as never) }]),
          ]),
        }),
      });
    }
  });
});

describe('the $default stage', () => {
  const stage = () => Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;

  it('writes a JSON access log line per request, with the request id, to its own log group', () => {
    const { AccessLogSettings } = stage();
    expect(AccessLogSettings.DestinationArn).toEqual(stack.resolve(stack.ingress.accessLogs.logGroupArn));
    const format = JSON.parse(AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  it('throttles the whole stage and each route by its group', () => {
    expect(stage().DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
    });
    for (const { routeKey } of catalogRoutes) {
      const group = routeKey.split(' ')[1]!.split('/')[1]!;
      expect(stage().RouteSettings[routeKey]).toEqual({
        ThrottlingRateLimit: routePolicies[group]!.throttle.rateLimit,
        ThrottlingBurstLimit: routePolicies[group]!.throttle.burstLimit,
        DetailedMetricsEnabled: true,
      });
    }
  });

  it('is deployed after its routes, which its route settings name', () => {
    const [stageResource] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const routeIds = Object.keys(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(stageResource!.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('answers no CORS preflight', () => {
    expect(
      Object.values(template.findResources('AWS::ApiGatewayV2::Api'))[0]!.Properties.CorsConfiguration,
    ).toBeUndefined();
  });
});

describe('the public URL the functions are given', () => {
  const linking = standInOAuth;
  const publicUrlOf = (context: Record<string, unknown>) => {
    const built = onlyStack(synthesizeService({ catalog: [linking], context }));
    const fn = built.stack.functions.functions.get(linking.name);
    const variables =
      built.template.toJSON().Resources[built.stack.getLogicalId(fn?.node.defaultChild as CfnFunction)].Properties
        .Environment.Variables;
    return { url: variables[ENV.publicApiUrl] as unknown, stack: built.stack };
  };

  it('is the API endpoint, read from the API without a dependency cycle', () => {
    const { url, stack: built } = publicUrlOf({});
    expect(url).toEqual({
      'Fn::GetAtt': [built.getLogicalId(built.ingress.api.node.defaultChild as never), 'ApiEndpoint'],
    });
  });

  it('is the configured custom domain when the stage has one, without a trailing slash', () => {
    expect(publicUrlOf({ 'dev:publicApiUrl': 'https://sync.example.com/' }).url).toBe('https://sync.example.com');
  });
});

describe('a route nobody has said may be public', () => {
  it('fails the synth, naming where to say why', () => {
    const unexplained: FunctionDefinition = {
      kind: 'http',
      name: 'stand-in-internal',
      entry: 'functions/health/handler.ts',
      routes: [{ method: 'GET', path: '/internal/things' }],
      needs: {},
      description: 'stand-in',
    };
    expect(() => synthesizeService({ catalog: [unexplained] })).toThrow(
      /GET \/internal\/things is in no group of lib\/ingress\/route-policy.ts/,
    );
  });
});
