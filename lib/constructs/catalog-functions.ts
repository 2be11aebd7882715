import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/catalog';
import { environmentFor, type ServiceEndpoints } from '../../shared/config/function-environment';
import { grantNeeds, type ServiceResources } from '../functions/function-permissions';
import { ServiceFunction } from './service-function';

export interface CatalogFunctionsProps {
  readonly resources: ServiceResources;
  readonly endpoints: ServiceEndpoints;
  readonly serviceName: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** API Gateway stops waiting for an integration after 30 s; a longer Lambda would only run on unseen. */
const HTTP_MAX_TIMEOUT_SECONDS = 29;
export const DEFAULT_HTTP_TIMEOUT_SECONDS = 10;
/** A batch of 10 messages with provider round trips and Retry-After waits fits well inside a minute. */
export const DEFAULT_WORKER_TIMEOUT_SECONDS = 60;

/**
 * Builds the Lambdas of `functions/catalog.ts`: each one's environment and permissions follow
 * from its `needs` and from nothing else, so the catalog is the single place to read (and
 * review) what a function may touch.
 */
export class CatalogFunctions extends Construct {
  private readonly built = new Map<string, ServiceFunction>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: CatalogFunctionsProps,
  ) {
    super(scope, id);
  }

  create(definition: FunctionDefinition): ServiceFunction {
    if (this.built.has(definition.name)) throw new Error(`Function ${definition.name} is listed twice in the catalog`);
    const fn = new ServiceFunction(this, pascalCase(definition.name), {
      entry: definition.entry,
      description: definition.description,
      serviceName: this.props.serviceName,
      environment: environmentFor(definition, this.props.endpoints),
      timeout: Duration.seconds(timeoutSecondsOf(definition)),
      memorySize: definition.needs.memorySize,
      logRetention: this.props.logRetention,
      removalPolicy: this.props.removalPolicy,
    });
    grantNeeds(fn, definition, this.props.resources);
    this.built.set(definition.name, fn);
    return fn;
  }

  /** Every function built so far, by catalog name. */
  get functions(): ReadonlyMap<string, ServiceFunction> {
    return this.built;
  }
}

export function timeoutSecondsOf(definition: FunctionDefinition): number {
  const fallback = definition.kind === 'http' ? DEFAULT_HTTP_TIMEOUT_SECONDS : DEFAULT_WORKER_TIMEOUT_SECONDS;
  const seconds = definition.needs.timeoutSeconds ?? fallback;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 900)
    throw new Error(`${definition.name}: timeoutSeconds must be an integer from 1 to 900`);
  if (definition.kind === 'http' && seconds > HTTP_MAX_TIMEOUT_SECONDS) {
    throw new Error(
      `${definition.name}: an http function's timeout must stay under API Gateway's 30 s, got ${seconds} s`,
    );
  }
  return seconds;
}

/** `partnero-webhook` -> `PartneroWebhook`, for construct ids. */
export function pascalCase(name: string): string {
  return name.replace(/(^|[-_ ])(\w)/g, (_match, _separator, letter: string) => letter.toUpperCase());
}
