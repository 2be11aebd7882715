import { Validations, type Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { functionBundling, functionBaseEnvironment } from './function-bundling';

export interface ServiceFunctionProps {
  /** Handler module path from the project root, as listed in `functions/catalog.ts`. */
  readonly entry: string;
  /** POWERTOOLS_SERVICE_NAME: the logs' `service` key and the metrics' `service` dimension. */
  readonly serviceName: string;
  readonly environment?: Record<string, string>;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly logRetention: RetentionDays;
  /** Of the log group: kept in stages that keep their data. */
  readonly removalPolicy: RemovalPolicy;
  readonly description?: string;
}

const projectRoot = join(__dirname, '..', '..');

/**
 * A Lambda with the service's defaults fixed once: Node 22 on ARM64, bundled and minified by
 * the local esbuild (see `function-bundling.ts`), its own log group with a retention, and its own role
 * that starts with nothing but writing to that log group. Everything else is granted from the
 * function's catalog `needs` (see `function-permissions.ts`).
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // Not AWSLambdaBasicExecutionRole: that managed policy may write to every log group in the account.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}; permissions follow its needs in functions/catalog.ts`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The log group's ARN attribute ends in `:*`, which covers its log streams and nothing else.
        resources: [logGroup.logGroupArn],
      }),
    );
    const functionProps: NodejsFunctionProps = {
      entry: join(projectRoot, props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      description: props.description,
      role,
      logGroup,
      environment: { ...functionBaseEnvironment(props.serviceName), ...props.environment },
      bundling: {
        format: OutputFormat.CJS,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourceMap,
        sourcesContent: functionBundling.sourcesContent,
        target: functionBundling.target,
        mainFields: [...functionBundling.mainFields],
        // Bundle the SDK too: it pins the version we test with and keeps only the commands used
        // (all but the credential providers a Lambda never reaches, see function-bundling.ts).
        externalModules: [...functionBundling.externalModules],
        // Never fall back to a Docker build: this project bundles with the esbuild in node_modules.
        forceDockerBundling: false,
      },
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
    };
    super(scope, id, functionProps);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: bundles target node22 and the test suite runs on Node 20/22; moving to a newer ' +
        'runtime is a deliberate change with its own test run, not something a library upgrade should flag into a deploy.',
    });
  }
}
