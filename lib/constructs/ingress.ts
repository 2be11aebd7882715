import { Lazy, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute as HttpApiRoute,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpFunctionDefinition } from '../../functions/catalog';
import { routeKeyOf, routePolicyFor, STAGE_THROTTLE } from '../ingress/route-policy';

export interface IngressProps {
  readonly stageName: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** One JSON line per request. No query string (the OAuth callback's `code` would be in it) and no headers. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

/**
 * The public edge: an HTTP API whose routes are exactly the catalog's http functions, each
 * with a Lambda integration, a throttle for its route group and a written reason to be public.
 *
 * - Access logs: one JSON line per request in their own log group.
 * - Throttling: a stage-wide cap plus one per route (route-policy.ts).
 * - CORS: off. Browsers only navigate to the settings page and OAuth routes (same origin after
 *   the redirect); nothing is called cross-origin, so no preflight is answered.
 * - Payload size: an HTTP API accepts up to 10 MB and has no setting to lower it (REST APIs
 *   neither; only WAF could). The handlers enforce their own limits before parsing (the
 *   webhook ingress answers 413 above 128 KiB), and Lambda refuses events above 6 MB.
 */
export class Ingress extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** Base URL of the API without a trailing slash, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com`. */
  readonly url: string;
  /** In CloudFormation's own casing: an override is written to the template as is. */
  private readonly routeSettings: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number; DetailedMetricsEnabled: boolean }
  > = {};
  private readonly routeKeys: string[] = [];
  private authorizer: IHttpRouteAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: IngressProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      // API names need not be unique, but the console lists them by name: say which stage.
      apiName: `partnero-attio-sync-${props.stageName}`,
      description: `Partnero <-> Attio sync (${props.stageName}): webhooks, OAuth, settings, admin`,
      // Our own $default stage below, to configure logging and throttling.
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      // Per-route Count/4xx/5xx/Latency, which the dashboard charts for the webhook routes.
      detailedMetricsEnabled: true,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: accessLogFormat },
    });
    // The L2 stage has no per-route settings; they are filled in as routes are added.
    (this.stage.node.defaultChild as CfnStage).addPropertyOverride(
      'RouteSettings',
      Lazy.any({ produce: () => (this.routeKeys.length > 0 ? this.routeSettings : undefined) }),
    );
    // The execute-api URL of the $default stage; no stage path, no trailing slash. Read from the
    // API resource, which depends on no function, so functions may carry it without a cycle.
    this.url = this.api.apiEndpoint;
  }

  /**
   * Puts every route behind this authorizer: with edge protection on, the one that lets only
   * CloudFront through (lib/constructs/edge-protection.ts). Call before the first route is added.
   */
  protectWith(authorizer: IHttpRouteAuthorizer): void {
    if (this.routeKeys.length > 0)
      throw new Error('protectWith must be called before routes are added: the routes already added would stay open');
    this.authorizer = authorizer;
  }

  /** Routes every path of the definition to the function, with its group's throttle and reason to be public. */
  addFunction(definition: HttpFunctionDefinition, fn: IFunction): void {
    const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn);
    for (const route of definition.routes) {
      const routeKey = routeKeyOf(route);
      if (this.routeKeys.includes(routeKey))
        throw new Error(`Route ${routeKey} is served twice (again by ${definition.name})`);
      const policy = routePolicyFor(route);
      const [apiRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: this.authorizer,
      }) as [HttpApiRoute];
      Validations.of(apiRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: policy.publicBecause });
      this.routeSettings[routeKey] = {
        ThrottlingRateLimit: policy.throttle.rateLimit,
        ThrottlingBurstLimit: policy.throttle.burstLimit,
        DetailedMetricsEnabled: true,
      };
      this.routeKeys.push(routeKey);
      // CloudFormation rejects route settings for a route that does not exist yet.
      this.stage.node.addDependency(apiRoute);
    }
  }

  /** The route keys served, e.g. `POST /webhooks/partnero/{programId}`. */
  get routes(): readonly string[] {
    return this.routeKeys;
  }
}
