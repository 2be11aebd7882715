import { METRICS_NAMESPACE } from '../../shared/observability/metric-names';

/**
 * How every Lambda of the service is bundled and started, in one place read by the CDK construct
 * (`service-function.ts`) and by `bench/cold-start.ts`, so the benchmark measures what is deployed.
 */

/**
 * Credential providers a Lambda never reaches: the runtime puts the role's credentials in the
 * environment, so the SDK's default chain stops at `fromEnv` before it would `import()` any of
 * these (SSO, shared ini files, a credential process, web identity, ECS/EC2 metadata). Leaving
 * them out of the bundle drops about 130 kB (their nested STS/SSO clients included). Should the
 * chain ever get that far, Node resolves them from the SDK the Lambda runtime ships.
 */
export const credentialProvidersLambdaNeverUses: readonly string[] = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

export const functionBundling = {
  format: 'cjs',
  target: 'node22',
  minify: true,
  /**
   * ES builds first: the AWS SDK's and Smithy's CommonJS builds do not tree-shake, the ES ones do
   * (about 240 kB less per function).
   */
  mainFields: ['module', 'main'],
  /**
   * A source map ships beside the bundle (`index.js.map`, without the sources: they are in the
   * repository) so a minified stack trace from the logs can be mapped back offline. It is not
   * turned on at runtime: `--enable-source-maps` made a webhook's init about 40% longer
   * (measured 167 ms -> 237 ms), a price every cold start pays for the rare stack trace.
   */
  sourceMap: true,
  sourcesContent: false,
  externalModules: credentialProvidersLambdaNeverUses,
} as const;

/**
 * The environment every function starts with, before what its catalog needs add. No NODE_OPTIONS:
 * source maps stay off at runtime (see `sourceMap` above).
 */
export function functionBaseEnvironment(serviceName: string): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: serviceName, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE };
}
