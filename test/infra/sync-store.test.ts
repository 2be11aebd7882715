import { Template } from 'aws-cdk-lib/assertions';
import { appSecretsSchema } from '../../shared/security/app-secrets';
import { syncTableDefinition } from '../../shared/store/table-definitions';
import type { SyncServiceStack } from '../../lib/sync-service-stack';
import { synthesizeService } from './support/service-app';

const { stacks } = synthesizeService({ stages: 'dev,prod' });
const byStage = Object.fromEntries(
  stacks.map((stack) => [
    stack.node.id.replace('PartneroAttioSync-', ''),
    { stack, template: Template.fromStack(stack) },
  ]),
);
const dev = byStage.dev!;
const prod = byStage.prod!;

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
const resourceOf = (stack: SyncServiceStack, template: Template, value: unknown): Resource => {
  const resolved = stack.resolve(value) as { Ref?: string; 'Fn::GetAtt'?: [string] };
  const id = resolved.Ref ?? resolved['Fn::GetAtt']?.[0] ?? '';
  return template.toJSON().Resources[id] as Resource;
};

describe('the sync table', () => {
  const tables = () => [
    {
      definition: syncTableDefinition,
      table: resourceOf(prod.stack, prod.template, prod.stack.store.syncTable.tableArn),
    },
  ];

  it('use the key schema and TTL attribute of shared/store/table-definitions.ts', () => {
    const [sync] = tables();
    expect(sync!.table.Properties.KeySchema).toEqual([
      { AttributeName: syncTableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: syncTableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    for (const { definition, table } of tables()) {
      expect(table.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: definition.timeToLiveAttribute,
        Enabled: true,
      });
    }
  });

  it('is the only table: replays are harmless without an idempotency table (shared/queue/queue-worker.ts)', () => {
    prod.template.resourceCountIs('AWS::DynamoDB::Table', 1);
  });

  it('are on demand with point-in-time recovery', () => {
    for (const { table } of tables()) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
  });

  it('are encrypted with the store key, a customer-managed key that rotates', () => {
    for (const { table } of tables()) {
      expect(table.Properties.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: prod.stack.resolve(prod.stack.store.key.keyArn),
      });
    }
    expect(resourceOf(prod.stack, prod.template, prod.stack.store.key.keyArn).Properties.EnableKeyRotation).toBe(true);
  });

  it('are retained and protected from deletion in prod, and removed with a dev stack', () => {
    for (const { table } of tables()) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { DeletionProtectionEnabled: true },
      });
    }
    const devTable = resourceOf(dev.stack, dev.template, dev.stack.store.syncTable.tableArn);
    expect(devTable).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
  });
});

describe('the token key', () => {
  it('rotates, is retained in prod and has a stage-prefixed alias', () => {
    const key = resourceOf(prod.stack, prod.template, prod.stack.tokenKey.key.keyArn);
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    prod.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/partnero-attio-sync-prod/tokens' });
    dev.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/partnero-attio-sync-dev/tokens' });
  });
});

describe('the app secret', () => {
  it('holds exactly the fields loadAppSecrets reads, with only the settings-link key generated', () => {
    // Prepare
    const secret = resourceOf(prod.stack, prod.template, prod.stack.secrets.secret.secretArn);
    const generate = secret.Properties.GenerateSecretString as {
      SecretStringTemplate: string;
      GenerateStringKey: string;
      PasswordLength: number;
    };
    // Act
    const fields = [...Object.keys(JSON.parse(generate.SecretStringTemplate) as object), generate.GenerateStringKey];
    // Assess
    expect(fields.sort()).toEqual(Object.keys(appSecretsSchema.shape).sort());
    expect(generate.GenerateStringKey).toBe('settingsLinkSigningKey');
    expect(generate.PasswordLength).toBeGreaterThanOrEqual(32);
  });

  it('fails closed until filled in: the placeholders do not pass the schema', () => {
    const secret = resourceOf(prod.stack, prod.template, prod.stack.secrets.secret.secretArn);
    const template = JSON.parse(
      (secret.Properties.GenerateSecretString as { SecretStringTemplate: string }).SecretStringTemplate,
    ) as object;
    const parsed = appSecretsSchema.safeParse({ ...template, settingsLinkSigningKey: 'x'.repeat(64) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'adminApiToken',
      'attioClientId',
      'attioClientSecret',
    ]);
  });

  it('is retained in prod', () => {
    expect(resourceOf(prod.stack, prod.template, prod.stack.secrets.secret.secretArn).DeletionPolicy).toBe('Retain');
  });
});
