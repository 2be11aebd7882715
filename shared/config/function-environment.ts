import * as z from 'zod';
import type { FunctionDefinition } from '../../functions/catalog';
import { MAX_ATTIO_EVENT_WINDOW_SECONDS } from '../attio-to-partnero/attio-event-deduplication';
import { ConfigurationError } from '../errors';
import { syncDirections, type SyncDirection } from '../queue/sync-queues';
import { ENV } from './environment-names';
import { httpUrl, readEnvironment } from './read-environment';

/** Where things are, as the stack knows them (tokens at synth time, real values once deployed, local URLs locally). */
export interface ServiceEndpoints {
  readonly syncTableName: string;
  readonly queueUrls: Readonly<Record<SyncDirection, string>>;
  readonly deadLetterQueueUrls: Readonly<Record<SyncDirection, string>>;
  /** Absent locally: `loadAppSecrets` reads its stand-in variables instead of Secrets Manager. */
  readonly appSecretArn?: string;
  /** Absent locally: the token cipher uses LOCAL_TOKEN_ENCRYPTION_KEY instead of KMS. */
  readonly tokenKeyArn?: string;
  readonly publicApiUrl: string;
  readonly attioApiUrl: string;
  readonly attioAppUrl: string;
  readonly partneroApiUrl: string;
  /** Days the audit entries (sync history) are kept. */
  readonly auditRetentionDays: number;
  /** The Attio event window W; the Attio -> Partnero queue's delivery delay is the same (`deliveryDelaySecondsOf`). */
  readonly attioEventWindowSeconds: number;
  /** A stage's provider budgets (calls per second); unset ones keep the documented limits. */
  readonly providerBudgets?: {
    readonly attioWritesPerSecond?: number;
    readonly attioReadsPerSecond?: number;
    readonly partneroRequestsPerSecond?: number;
  };
}

const perSecond = z.coerce.number().int().min(1).max(10_000).optional();

/** The optional variables a queue worker reads for its budgets (`shared/provider-budget/`); unset means the documented limits. */
export const budgetEnvironmentShape = {
  [ENV.attioWritesPerSecond]: perSecond,
  [ENV.attioReadsPerSecond]: perSecond,
  [ENV.partneroRequestsPerSecond]: perSecond,
};

/**
 * Every variable a catalog entry can give its function, with how the function reads it. The
 * optional ones are read (and checked) by the shared helper that uses them.
 */
const optionalText = z.string().optional();
const variableSchemas = {
  [ENV.syncTableName]: z.string().min(1),
  /** Read by `shared/sync/audit-entry.ts`, which checks it. */
  [ENV.auditRetentionDays]: optionalText,
  [ENV.partneroToAttioQueueUrl]: httpUrl,
  [ENV.attioToPartneroQueueUrl]: httpUrl,
  [ENV.partneroToAttioDeadLetterQueueUrl]: httpUrl,
  [ENV.attioToPartneroDeadLetterQueueUrl]: httpUrl,
  /** Read by `loadAppSecrets`; absent locally. */
  [ENV.appSecretArn]: optionalText,
  /** Read by `tokenCipherFromEnvironment`; absent locally. */
  [ENV.tokenKeyId]: optionalText,
  [ENV.attioApiUrl]: httpUrl,
  [ENV.attioAppUrl]: httpUrl,
  [ENV.partneroApiUrl]: httpUrl,
  [ENV.publicApiUrl]: httpUrl,
  [ENV.attioEventWindowSeconds]: z.coerce.number().int().min(1).max(MAX_ATTIO_EVENT_WINDOW_SECONDS),
  ...budgetEnvironmentShape,
};

export type FunctionVariable = keyof typeof variableSchemas;

/** What a handler reads: every variable its catalog entry gives it, parsed. Reading any other one throws. */
export type FunctionEnvironment = Readonly<z.infer<z.ZodObject<typeof variableSchemas>>>;

/** The names the catalog decides; the local stack gives each function only its own of these. */
export const catalogVariables = Object.keys(variableSchemas) as FunctionVariable[];

type ValueIn = (endpoints: ServiceEndpoints) => string | undefined;

const queueUrlVariable: Record<SyncDirection, FunctionVariable> = {
  'partnero-to-attio': ENV.partneroToAttioQueueUrl,
  'attio-to-partnero': ENV.attioToPartneroQueueUrl,
};

const deadLetterQueueUrlVariable: Record<SyncDirection, FunctionVariable> = {
  'partnero-to-attio': ENV.partneroToAttioDeadLetterQueueUrl,
  'attio-to-partnero': ENV.attioToPartneroDeadLetterQueueUrl,
};

const optionalNumber = (value: number | undefined): string | undefined =>
  value === undefined ? undefined : String(value);

/**
 * The one rule from a catalog entry to its function's environment: each variable it gets, and
 * where its value comes from. The CDK stack (`environmentFor`), the local stack (the same) and
 * the handlers (`readFunctionEnvironment`, from what the stack gave) all derive from this, so a variable a function has no
 * need for is one it cannot start to depend on by accident, here or in AWS. The permissions
 * follow the same needs (lib/functions/function-permissions.ts), so a name here always comes
 * with the right to use what it names.
 */
export function functionVariables(definition: FunctionDefinition): ReadonlyMap<FunctionVariable, ValueIn> {
  const { needs } = definition;
  const variables = new Map<FunctionVariable, ValueIn>();
  if (needs.syncTable) {
    variables.set(ENV.syncTableName, (endpoints) => endpoints.syncTableName);
    // Writers stamp the expiry on audit entries; readers say how far back the history goes.
    variables.set(ENV.auditRetentionDays, (endpoints) => String(endpoints.auditRetentionDays));
  }
  for (const direction of needs.sendsTo ?? [])
    variables.set(queueUrlVariable[direction], (endpoints) => endpoints.queueUrls[direction]);
  if (definition.kind === 'queue-worker') {
    const { direction } = definition;
    // Its own queue: the worker delays retries (ChangeMessageVisibility) and reads the redrive policy.
    variables.set(queueUrlVariable[direction], (endpoints) => endpoints.queueUrls[direction]);
    if (needs.ownDeadLetterQueue)
      variables.set(deadLetterQueueUrlVariable[direction], (endpoints) => endpoints.deadLetterQueueUrls[direction]);
    // The workers keep to the providers' budgets before each call (shared/provider-budget/).
    variables.set(ENV.attioWritesPerSecond, (endpoints) =>
      optionalNumber(endpoints.providerBudgets?.attioWritesPerSecond),
    );
    variables.set(ENV.attioReadsPerSecond, (endpoints) =>
      optionalNumber(endpoints.providerBudgets?.attioReadsPerSecond),
    );
    variables.set(ENV.partneroRequestsPerSecond, (endpoints) =>
      optionalNumber(endpoints.providerBudgets?.partneroRequestsPerSecond),
    );
  } else if (needs.ownDeadLetterQueue) {
    throw new Error(
      `${definition.name}: ownDeadLetterQueue is for queue workers; an http function has no queue of its own`,
    );
  }
  if (needs.deadLetterQueues) {
    for (const direction of syncDirections) {
      variables.set(deadLetterQueueUrlVariable[direction], (endpoints) => endpoints.deadLetterQueueUrls[direction]);
      // A redrive sends the messages back to the queue they came from.
      if (needs.deadLetterQueues === 'redrive')
        variables.set(queueUrlVariable[direction], (endpoints) => endpoints.queueUrls[direction]);
    }
  }
  if (needs.appSecrets) variables.set(ENV.appSecretArn, (endpoints) => endpoints.appSecretArn);
  if (needs.tokenKey) variables.set(ENV.tokenKeyId, (endpoints) => endpoints.tokenKeyArn);
  if (needs.providers?.includes('attio')) {
    variables.set(ENV.attioApiUrl, (endpoints) => endpoints.attioApiUrl);
    variables.set(ENV.attioAppUrl, (endpoints) => endpoints.attioAppUrl);
  }
  if (needs.providers?.includes('partnero')) variables.set(ENV.partneroApiUrl, (endpoints) => endpoints.partneroApiUrl);
  if (needs.publicApiUrl) variables.set(ENV.publicApiUrl, (endpoints) => endpoints.publicApiUrl);
  if (needs.attioEventWindow) {
    // The window is only sound with the delay of the queue its messages go to.
    if (!needs.sendsTo?.includes('attio-to-partnero'))
      throw new Error(`${definition.name}: attioEventWindow is for functions that send to attio-to-partnero`);
    variables.set(ENV.attioEventWindowSeconds, (endpoints) => String(endpoints.attioEventWindowSeconds));
  }
  return variables;
}

/** The environment a function is given (the CDK stack in AWS, the local stack locally): its own variables and nothing more. */
export function environmentFor(definition: FunctionDefinition, endpoints: ServiceEndpoints): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, valueIn] of functionVariables(definition)) {
    const value = valueIn(endpoints);
    if (value !== undefined) environment[name] = value;
  }
  return environment;
}

/**
 * A handler's environment, read once at init from what the stack gave it (`environmentFor`, so
 * exactly what its catalog entry gives): a malformed variable fails the function at start with
 * one line naming it (ConfigurationError), and reading a variable it was not given throws at
 * once instead of reading undefined. Handlers name no variables of their own; the catalog itself
 * stays out of their bundles.
 */
export function readFunctionEnvironment(environment: NodeJS.ProcessEnv = process.env): FunctionEnvironment {
  const given = catalogVariables.filter((name) => environment[name] !== undefined);
  const shape = Object.fromEntries(given.map((name) => [name, variableSchemas[name]]));
  const read: Record<string, unknown> = {
    ...(readEnvironment(z.object(shape), environment) as Record<string, unknown>),
  };
  for (const name of catalogVariables.filter(
    (variable) => !given.includes(variable) && !variableSchemas[variable].safeParse(undefined).success,
  )) {
    Object.defineProperty(read, name, {
      enumerable: false,
      get: () => {
        throw new ConfigurationError(`Invalid configuration: ${name} is not set (see functions/catalog.ts)`);
      },
    });
  }
  return read as FunctionEnvironment;
}
