import { Duration, Fn, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/environment-names';
import { ORIGIN_VERIFY_HEADER } from '../../shared/security/edge-origin';
import { ServiceFunction } from './service-function';

export interface EdgeProtectionProps {
  readonly stageName: string;
  readonly serviceName: string;
  /** The HTTP API CloudFront forwards to. */
  readonly api: HttpApi;
  /** The ARN of the `CLOUDFRONT`-scope web ACL (lib/constructs/edge-firewall.ts, in us-east-1). */
  readonly webAclArn: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * CloudFront in front of the HTTP API, so that the WAF web ACL's per-client limits apply to
 * every caller, and an authorizer so that the execute-api URL is no way around them:
 *
 *   provider / browser ──▶ CloudFront (web ACL: rate per client IP) ──x-origin-verify──▶ HTTP API
 *                                                                   authorizer ──▶ 401 without it
 *
 * - Nothing is cached and every method is forwarded with the viewer's headers, cookies, query
 *   string and body unchanged (the webhooks' HMAC is over the raw body and reads its signature
 *   header), all but `Host`: API Gateway routes on its own host name.
 * - The origin secret is generated in Secrets Manager; CloudFormation resolves it into the
 *   distribution's origin header at deploy, and the authorizer reads it at run time. The
 *   secret never appears in the template or in a function's environment.
 * - `url` is the distribution's; the stack gives it to the functions as PUBLIC_API_URL, so the
 *   OAuth redirect and the webhook targets registered with Attio and Partnero use it.
 */
export class EdgeProtection extends Construct {
  readonly distribution: Distribution;
  readonly originSecret: Secret;
  readonly authorizer: HttpLambdaAuthorizer;
  readonly authorizerFunction: ServiceFunction;
  /** `https://<id>.cloudfront.net`, no trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id);
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: `Partnero <-> Attio sync (${props.stageName}): the header CloudFront sends to the API, so only CloudFront reaches it`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated by a Lambda: CloudFormation writes the value into the CloudFront origin header only at deploy, so a ' +
        'rotation is put-secret-value followed by a deploy (docs/runbook.md); the authorizer re-reads it every 5 minutes.',
    });

    this.authorizerFunction = new ServiceFunction(this, 'Authorizer', {
      entry: 'functions/edge-origin-authorizer/handler.ts',
      serviceName: props.serviceName,
      environment: { [ENV.originVerifySecretArn]: this.originSecret.secretArn },
      timeout: Duration.seconds(5),
      memorySize: 256,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      description: 'Lets through only requests that came through CloudFront (its origin header)',
    });
    this.authorizerFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.originSecret.secretArn] }),
    );
    this.authorizer = new HttpLambdaAuthorizer('EdgeOrigin', this.authorizerFunction, {
      authorizerName: `edge-origin-${props.stageName}`,
      // Without the header API Gateway answers 401 itself, without calling the function.
      identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.minutes(5),
    });

    // apiEndpoint is `https://<id>.execute-api.<region>.amazonaws.com`: the origin wants the host alone.
    const apiHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Partnero <-> Attio sync (${props.stageName}): per-client limits in front of the API`,
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
      defaultBehavior: {
        origin: new HttpOrigin(apiHost, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          // API Gateway gives up at 30 s; so does CloudFront, instead of its default 30 s plus retries.
          readTimeout: Duration.seconds(30),
          connectionAttempts: 1,
          customHeaders: { [ORIGIN_VERIFY_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        // Providers post webhooks over HTTPS; a redirect would turn their POST into a GET.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        compress: false,
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: Partnero and Attio deliver webhooks from their own hosting, and program managers open the ' +
          'settings page from anywhere; the per-client-IP rate limits of the web ACL are the protection at this edge.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No CloudFront access log (it would need its own S3 bucket): the API access log has every request that reaches ' +
          'the API, and the web ACL logs every request it blocks with the client IP (aws-waf-logs-* in us-east-1).',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate, whose policy CloudFront fixes at TLSv1; the providers and browsers ' +
          'negotiate TLS 1.2 or later. Enforcing TLSv1.2_2021 needs a custom domain with an ACM certificate on the distribution.',
      },
    );
    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}
