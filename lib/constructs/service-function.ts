import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';

export interface ServiceFunctionProps {
  /** Handler module path from the project root, as listed in `functions/catalog.ts`. */
  readonly entry: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly logRetention?: RetentionDays;
  readonly description?: string;
}

const projectRoot = join(__dirname, '..', '..');

/**
 * A Lambda with the service's defaults fixed once: Node 22 on ARM64, bundled and minified by
 * the local esbuild with source maps, its own log group with a retention.
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const functionProps: NodejsFunctionProps = {
      entry: join(projectRoot, props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'partnero-attio-sync',
        POWERTOOLS_METRICS_NAMESPACE: 'PartneroAttioSync',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.CJS,
        minify: true,
        sourceMap: true,
        target: 'node22',
        // Bundle the SDK too: it pins the version we test with and keeps only the commands used.
        externalModules: [],
      },
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
    };
    super(scope, id, functionProps);
  }
}
