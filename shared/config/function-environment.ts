import type { FunctionDefinition } from '../../functions/catalog';
import { ENV } from './environment-names';
import { syncDirections, type SyncDirection } from '../sync-queues';

/** Where things are, as the stack knows them (tokens at synth time, real values once deployed). */
export interface ServiceEndpoints {
  readonly syncTableName: string;
  readonly queueUrls: Readonly<Record<SyncDirection, string>>;
  readonly deadLetterQueueUrls: Readonly<Record<SyncDirection, string>>;
  readonly appSecretArn: string;
  readonly tokenKeyArn: string;
  readonly publicApiUrl: string;
  readonly attioApiUrl: string;
  readonly attioAppUrl: string;
  readonly partneroApiUrl: string;
  /** Days the audit entries (sync history) are kept. */
  readonly auditRetentionDays: number;
  /** A stage's provider budgets (calls per second); unset ones keep the documented limits. */
  readonly providerBudgets?: { readonly attioWritesPerSecond?: number; readonly attioReadsPerSecond?: number; readonly partneroRequestsPerSecond?: number };
}

const queueUrlVariable: Record<SyncDirection, string> = {
  'partnero-to-attio': ENV.partneroToAttioQueueUrl,
  'attio-to-partnero': ENV.attioToPartneroQueueUrl,
};

const deadLetterQueueUrlVariable: Record<SyncDirection, string> = {
  'partnero-to-attio': ENV.partneroToAttioDeadLetterQueueUrl,
  'attio-to-partnero': ENV.attioToPartneroDeadLetterQueueUrl,
};

/**
 * The environment a function gets from its catalog `needs`, and nothing more: a variable a
 * function has no need for is one it cannot start to depend on by accident. The permissions
 * follow the same needs (function-permissions.ts), so a name here always comes with the right
 * to use what it names.
 */
export function environmentFor(definition: FunctionDefinition, endpoints: ServiceEndpoints): Record<string, string> {
  const { needs } = definition;
  const environment: Record<string, string> = {};
  if (needs.syncTable) {
    environment[ENV.syncTableName] = endpoints.syncTableName;
    // Writers stamp the expiry on audit entries; readers say how far back the history goes.
    environment[ENV.auditRetentionDays] = String(endpoints.auditRetentionDays);
  }
  for (const direction of needs.sendsTo ?? []) environment[queueUrlVariable[direction]] = endpoints.queueUrls[direction];
  if (definition.kind === 'queue-worker') {
    // Its own queue: the worker delays retries (ChangeMessageVisibility) and reads the redrive policy.
    environment[queueUrlVariable[definition.direction]] = endpoints.queueUrls[definition.direction];
    if (needs.ownDeadLetterQueue) {
      environment[deadLetterQueueUrlVariable[definition.direction]] = endpoints.deadLetterQueueUrls[definition.direction];
    }
    // The workers keep to the providers' budgets before each call (shared/provider-budget/).
    const budgets = endpoints.providerBudgets ?? {};
    if (budgets.attioWritesPerSecond !== undefined) environment[ENV.attioWritesPerSecond] = String(budgets.attioWritesPerSecond);
    if (budgets.attioReadsPerSecond !== undefined) environment[ENV.attioReadsPerSecond] = String(budgets.attioReadsPerSecond);
    if (budgets.partneroRequestsPerSecond !== undefined) environment[ENV.partneroRequestsPerSecond] = String(budgets.partneroRequestsPerSecond);
  } else if (needs.ownDeadLetterQueue) {
    throw new Error(`${definition.name}: ownDeadLetterQueue is for queue workers; an http function has no queue of its own`);
  }
  if (needs.deadLetterQueues) {
    for (const direction of syncDirections) {
      environment[deadLetterQueueUrlVariable[direction]] = endpoints.deadLetterQueueUrls[direction];
      // A redrive sends the messages back to the queue they came from.
      if (needs.deadLetterQueues === 'redrive') environment[queueUrlVariable[direction]] = endpoints.queueUrls[direction];
    }
  }
  if (needs.appSecrets) environment[ENV.appSecretArn] = endpoints.appSecretArn;
  if (needs.tokenKey) environment[ENV.tokenKeyId] = endpoints.tokenKeyArn;
  if (needs.providers?.includes('attio')) {
    environment[ENV.attioApiUrl] = endpoints.attioApiUrl;
    environment[ENV.attioAppUrl] = endpoints.attioAppUrl;
  }
  if (needs.providers?.includes('partnero')) environment[ENV.partneroApiUrl] = endpoints.partneroApiUrl;
  if (needs.publicApiUrl) environment[ENV.publicApiUrl] = endpoints.publicApiUrl;
  return environment;
}
