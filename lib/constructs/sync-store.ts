import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { syncTableDefinition } from '../../shared/store/table-definitions';

export interface SyncStoreProps {
  /** RETAIN in stages whose data matters: the tables, their key and their backups outlive the stack. */
  readonly removalPolicy: RemovalPolicy;
}

export type SyncTableAccess = 'read' | 'read-write';

const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * The sync table (programs, connections with encrypted tokens, settings, links, commission
 * claims, audit). On demand (traffic follows webhooks, which are bursty), with point-in-time
 * recovery, TTL on the attribute the code sets, and encrypted with a customer-managed key with
 * yearly rotation. There is no idempotency table: replays are harmless without one (see
 * `shared/queue/queue-worker.ts`).
 */
export class SyncStore extends Construct {
  readonly syncTable: Table;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SyncStoreProps) {
    super(scope, id);
    const retain = props.removalPolicy === RemovalPolicy.RETAIN;
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the sync table at rest',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    const common = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      removalPolicy: props.removalPolicy,
      // A retained table also refuses a stray `DeleteTable`, not only a stack deletion.
      deletionProtection: retain,
    };
    this.syncTable = new Table(this, 'SyncTable', {
      ...common,
      partitionKey: { name: syncTableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: syncTableDefinition.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: syncTableDefinition.timeToLiveAttribute,
    });
  }

  grantSyncTable(grantee: IGrantable, access: SyncTableAccess): void {
    const actions = access === 'read' ? readActions : [...readActions, ...writeActions];
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [this.syncTable.tableArn] }));
    this.grantKeyThroughDynamoDb(grantee, access);
  }

  /**
   * DynamoDB uses the table key with the caller's credentials, so the caller needs the key;
   * `kms:ViaService` limits that to calls DynamoDB makes, so the function cannot use the key
   * directly. Exact actions instead of CDK's `GenerateDataKey*`/`ReEncrypt*` wildcards.
   */
  private grantKeyThroughDynamoDb(grantee: IGrantable, access: SyncTableAccess): void {
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
      }),
    );
  }
}
