import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { FunctionDefinition, FunctionNeeds } from '../../functions/catalog';
import { ENV } from '../../shared/config/environment-names';
import { tokenPurposes } from '../../shared/programs/program-context';
import { syncDirections, type SyncDirection } from '../../shared/queue/sync-queues';
import { allIdentityStatements, keyOf, statementsOfRole } from './support/iam';
import { catalogWithWorkers, onlyStack, synthesizeService } from './support/service-app';

/** Stand-ins that use the needs no catalog entry uses yet, so every rule below is exercised. */
const standIns: FunctionDefinition[] = [
  {
    kind: 'http',
    name: 'stand-in-admin',
    entry: 'functions/health/handler.ts',
    routes: [{ method: 'POST', path: '/admin/stand-in-check' }],
    needs: {
      syncTable: 'read-write',
      deadLetterQueues: 'redrive',
      appSecrets: true,
      tokenKey: 'encrypt-decrypt',
      publicApiUrl: true,
      providers: ['partnero'],
    },
    description: 'stand-in',
  },
  {
    kind: 'http',
    name: 'stand-in-settings',
    entry: 'functions/health/handler.ts',
    routes: [{ method: 'GET', path: '/settings/stand-in-check/{programId}' }],
    needs: { syncTable: 'read', deadLetterQueues: 'read', appSecrets: true, providers: ['attio'], publicApiUrl: true },
    description: 'stand-in',
  },
];
const catalog = [...catalogWithWorkers(), ...standIns];
const { stack, template } = onlyStack(synthesizeService({ catalog }));
const resolve = (value: unknown): unknown => stack.resolve(value);

const queueUrlVariable = {
  'partnero-to-attio': ENV.partneroToAttioQueueUrl,
  'attio-to-partnero': ENV.attioToPartneroQueueUrl,
};
const dlqUrlVariable = {
  'partnero-to-attio': ENV.partneroToAttioDeadLetterQueueUrl,
  'attio-to-partnero': ENV.attioToPartneroDeadLetterQueueUrl,
};

/** The specification, written out independently of shared/config/function-environment.ts. */
function expectedEnvironment(definition: FunctionDefinition): Record<string, unknown> {
  const needs: FunctionNeeds = definition.needs;
  const queueUrl = (direction: SyncDirection) => resolve(stack.syncWorkers[direction].queue.queueUrl);
  const dlqUrl = (direction: SyncDirection) => resolve(stack.syncWorkers[direction].deadLetterQueue.queueUrl);
  const expected: Record<string, unknown> = {
    POWERTOOLS_SERVICE_NAME: 'partnero-attio-sync-dev',
    POWERTOOLS_METRICS_NAMESPACE: 'PartneroAttioSync',
  };
  if (needs.syncTable) {
    expected[ENV.syncTableName] = resolve(stack.store.syncTable.tableName);
    expected[ENV.auditRetentionDays] = '30';
  }
  for (const direction of needs.sendsTo ?? []) expected[queueUrlVariable[direction]] = queueUrl(direction);
  if (definition.kind === 'queue-worker') {
    expected[queueUrlVariable[definition.direction]] = queueUrl(definition.direction);
    if (needs.ownDeadLetterQueue) expected[dlqUrlVariable[definition.direction]] = dlqUrl(definition.direction);
  }
  for (const direction of needs.deadLetterQueues ? syncDirections : []) {
    expected[dlqUrlVariable[direction]] = dlqUrl(direction);
    if (needs.deadLetterQueues === 'redrive') expected[queueUrlVariable[direction]] = queueUrl(direction);
  }
  if (needs.appSecrets) expected[ENV.appSecretArn] = resolve(stack.secrets.secret.secretArn);
  if (needs.tokenKey) expected[ENV.tokenKeyId] = resolve(stack.tokenKey.key.keyArn);
  if (needs.providers?.includes('attio'))
    Object.assign(expected, { [ENV.attioApiUrl]: 'https://api.attio.com', [ENV.attioAppUrl]: 'https://app.attio.com' });
  if (needs.providers?.includes('partnero')) expected[ENV.partneroApiUrl] = 'https://api.partnero.com';
  if (needs.publicApiUrl) expected[ENV.publicApiUrl] = resolve(stack.ingress.url);
  // The stage's Attio event window (the default: cdk.json's dev sets none).
  if (needs.attioEventWindow) expected[ENV.attioEventWindowSeconds] = '5';
  return expected;
}

const tableRead = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];
const tableWrite = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const consume = [
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
];
const dlqCount = ['sqs:GetQueueAttributes'];
const dlqRead = ['sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
const dlqRedrive = [
  ...dlqRead,
  'sqs:CancelMessageMoveTask',
  'sqs:DeleteMessage',
  'sqs:ListMessageMoveTasks',
  'sqs:StartMessageMoveTask',
];

/** Allowed actions per resource (as the template names it), written out from the needs. */
function expectedGrants(definition: FunctionDefinition): Record<string, string[]> {
  const { needs } = definition;
  const fn = stack.functions.functions.get(definition.name);
  const grants = new Map<string, Set<string>>();
  const allow = (resource: unknown, actions: string[]) => {
    const key = keyOf(resolve(resource));
    grants.set(key, new Set([...(grants.get(key) ?? []), ...actions]));
  };
  allow(fn?.logGroup.logGroupArn, ['logs:CreateLogStream', 'logs:PutLogEvents']);
  if (needs.syncTable)
    allow(stack.store.syncTable.tableArn, needs.syncTable === 'read' ? tableRead : [...tableRead, ...tableWrite]);
  if (needs.syncTable)
    allow(
      stack.store.key.keyArn,
      needs.syncTable === 'read-write' ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
    );
  for (const direction of needs.sendsTo ?? []) allow(stack.syncWorkers[direction].queue.queueArn, ['sqs:SendMessage']);
  if (definition.kind === 'queue-worker') {
    allow(stack.syncWorkers[definition.direction].queue.queueArn, consume);
    if (needs.ownDeadLetterQueue)
      allow(stack.syncWorkers[definition.direction].deadLetterQueue.queueArn, ['sqs:SendMessage']);
  }
  const deadLetterAccess = needs.deadLetterQueues;
  for (const direction of deadLetterAccess ? syncDirections : []) {
    allow(
      stack.syncWorkers[direction].deadLetterQueue.queueArn,
      { count: dlqCount, read: dlqRead, redrive: dlqRedrive }[deadLetterAccess!],
    );
    if (deadLetterAccess === 'redrive') allow(stack.syncWorkers[direction].queue.queueArn, ['sqs:SendMessage']);
  }
  if (needs.appSecrets) allow(stack.secrets.secret.secretArn, ['secretsmanager:GetSecretValue']);
  if (needs.tokenKey)
    allow(stack.tokenKey.key.keyArn, needs.tokenKey === 'decrypt' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:Encrypt']);
  return Object.fromEntries([...grants].map(([resource, actions]) => [resource, [...actions].sort()]));
}

function grantedByTemplate(definition: FunctionDefinition): Record<string, string[]> {
  const fn = stack.functions.functions.get(definition.name);
  if (!fn?.role) throw new Error(`no function ${definition.name}`);
  const granted = new Map<string, Set<string>>();
  for (const statement of statementsOfRole(template, stack, fn.role)) {
    expect(statement.effect).toBe('Allow');
    for (const resource of statement.resources) {
      granted.set(keyOf(resource), new Set([...(granted.get(keyOf(resource)) ?? []), ...statement.actions]));
    }
  }
  return Object.fromEntries([...granted].map(([resource, actions]) => [resource, [...actions].sort()]));
}

describe.each(catalog.map((definition) => [definition.name, definition] as const))('%s', (_name, definition) => {
  it('gets exactly the environment its needs imply', () => {
    // Prepare
    const fn = stack.functions.functions.get(definition.name);
    // Act
    const environment =
      template.toJSON().Resources[stack.getLogicalId(fn?.node.defaultChild as CfnFunction)].Properties.Environment
        .Variables;
    // Assess
    expect(environment).toEqual(expectedEnvironment(definition));
  });

  it('is granted exactly the actions its needs imply, each on the named resource', () => {
    expect(grantedByTemplate(definition)).toEqual(expectedGrants(definition));
  });
});

describe('least privilege', () => {
  it('lets no function without appSecrets read the secret', () => {
    // Prepare
    const secretArn = keyOf(resolve(stack.secrets.secret.secretArn));
    const withoutSecrets = catalog.filter((definition) => !definition.needs.appSecrets);
    expect(withoutSecrets.length).toBeGreaterThan(0);
    // Act, Assess
    for (const definition of withoutSecrets) {
      const fn = stack.functions.functions.get(definition.name);
      const statements = statementsOfRole(template, stack, fn!.role!);
      expect(
        statements.filter(
          (statement) =>
            statement.resources.map(keyOf).includes(secretArn) ||
            statement.actions.some((action) => action.startsWith('secretsmanager:')),
        ),
      ).toEqual([]);
    }
  });

  it('lets functions use the table key only through DynamoDB (kms:ViaService)', () => {
    const storeKey = keyOf(resolve(stack.store.key.keyArn));
    for (const statement of allIdentityStatements(template).filter((candidate) =>
      candidate.resources.map(keyOf).includes(storeKey),
    )) {
      expect(statement.condition).toEqual({ StringEquals: { 'kms:ViaService': expect.anything() } });
    }
  });

  it('lets the webhook routes decrypt their own provider’s webhook secrets only (kms:EncryptionContext:purpose)', () => {
    // Prepare
    const tokenKey = keyOf(resolve(stack.tokenKey.key.keyArn));
    const expected = {
      'partnero-webhook': [tokenPurposes.partneroWebhookSecret],
      'attio-webhook': [tokenPurposes.attioWebhookSecret],
    };
    // Act
    const conditions = Object.fromEntries(
      Object.keys(expected).map((name) => {
        const fn = stack.functions.functions.get(name);
        const statements = statementsOfRole(template, stack, fn!.role!).filter((statement) =>
          statement.resources.map(keyOf).includes(tokenKey),
        );
        return [name, statements.map((statement) => ({ actions: statement.actions, condition: statement.condition }))];
      }),
    );
    // Assess
    expect(conditions).toEqual(
      Object.fromEntries(
        Object.entries(expected).map(([name, purposes]) => [
          name,
          [{ actions: ['kms:Decrypt'], condition: { StringEquals: { 'kms:EncryptionContext:purpose': purposes } } }],
        ]),
      ),
    );
  });

  it('has no wildcard resource or action in any identity policy', () => {
    const statements = allIdentityStatements(template);
    expect(statements.length).toBeGreaterThan(catalog.length);
    const wildcards = statements.filter(
      (statement) =>
        statement.resources.some((resource) => typeof resource === 'string' && resource.includes('*')) ||
        statement.actions.some((action) => action.includes('*')),
    );
    expect(wildcards).toEqual([]);
  });

  it('attaches no AWS managed policy to any role', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role')) as {
      Properties: { ManagedPolicyArns?: unknown[] };
    }[];
    expect(roles.flatMap((role) => role.Properties.ManagedPolicyArns ?? [])).toEqual([]);
  });
});
