import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { FunctionDefinition } from '../../functions/catalog';
import { syncDirections, type SyncDirection } from '../../shared/queue/sync-queues';
import type { AppSecrets } from '../constructs/app-secrets';
import type { SyncStore } from '../constructs/sync-store';
import type { SyncWorker } from '../constructs/sync-worker';
import type { TokenKey } from '../constructs/token-key';

export interface ServiceResources {
  readonly store: SyncStore;
  readonly secrets: AppSecrets;
  readonly tokenKey: TokenKey;
  readonly syncWorkers: Readonly<Record<SyncDirection, SyncWorker>>;
}

/** How many dead letters wait: what the status panel shows. */
const deadLetterCountActions = ['sqs:GetQueueAttributes'];
/** Peek at dead letters and put them back: what a replay dry run does. */
const deadLetterReadActions = [...deadLetterCountActions, 'sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility'];
/** Take them out for good, by hand (replay) or with SQS's own message move task. */
const deadLetterRedriveActions = [
  ...deadLetterReadActions,
  'sqs:DeleteMessage',
  'sqs:StartMessageMoveTask',
  'sqs:ListMessageMoveTasks',
  'sqs:CancelMessageMoveTask',
];

/**
 * Grants a function exactly what its catalog `needs` say, each on the named resource:
 * read or read-write on the sync table, SendMessage on the queues it
 * feeds, the DLQ actions asked for, GetSecretValue on the app secret, Encrypt/Decrypt on the
 * token key. A queue worker's consumption of its own queue is granted by its event source.
 */
export function grantNeeds(grantee: IGrantable, definition: FunctionDefinition, resources: ServiceResources): void {
  const { needs } = definition;
  const principal = grantee.grantPrincipal;
  if (needs.syncTable) resources.store.grantSyncTable(grantee, needs.syncTable);

  const sendsTo = (needs.sendsTo ?? []).map((direction) => resources.syncWorkers[direction].queue.queueArn);
  if (needs.ownDeadLetterQueue && definition.kind === 'queue-worker') {
    sendsTo.push(resources.syncWorkers[definition.direction].deadLetterQueue.queueArn);
  }
  if (needs.deadLetterQueues === 'redrive')
    sendsTo.push(...syncDirections.map((direction) => resources.syncWorkers[direction].queue.queueArn));
  if (sendsTo.length > 0)
    principal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [...new Set(sendsTo)] }),
    );

  if (needs.deadLetterQueues) {
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: { count: deadLetterCountActions, read: deadLetterReadActions, redrive: deadLetterRedriveActions }[
          needs.deadLetterQueues
        ],
        resources: syncDirections.map((direction) => resources.syncWorkers[direction].deadLetterQueue.queueArn),
      }),
    );
  }
  if (needs.appSecrets) resources.secrets.grantRead(grantee);
  if (needs.tokenKey) resources.tokenKey.grant(grantee, needs.tokenKey, needs.tokenPurposes);
}
