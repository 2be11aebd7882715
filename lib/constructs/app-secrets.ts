import { Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AppSecrets as AppSecretValues } from '../../shared/security/app-secrets';

export interface AppSecretsProps {
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Left empty on purpose: `loadAppSecrets` rejects an empty field, so until the platform team
 * fills them (docs/deploy.md) every function that reads the secret fails closed and its log
 * names the missing fields, instead of running with a guessable credential.
 */
const placeholders: Omit<AppSecretValues, 'settingsLinkSigningKey'> = {
  attioClientId: '',
  attioClientSecret: '',
  adminApiToken: '',
};

/**
 * The one Secrets Manager secret of the service, a JSON object with the fields of
 * `shared/security/app-secrets.ts`. The settings-link signing key is generated here (nobody
 * outside needs to choose it); the Attio app credentials and the admin token are filled in
 * after the first deploy. Per-program tokens are NOT here: they are KMS-encrypted in the sync
 * table (one secret per tenant would cost $0.40 each per month and need its own rotation).
 */
export class AppSecrets extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Partnero <-> Attio sync: Attio OAuth client, settings-link signing key, admin API token (JSON)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify(placeholders),
        generateStringKey: 'settingsLinkSigningKey' satisfies keyof AppSecretValues,
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated by a Lambda: the Attio client secret is issued by Attio and changes only when rotated there, and ' +
        'the admin token and settings-link key are rotated by the platform team with put-secret-value (docs/runbook.md); ' +
        'functions re-read the secret every 5 minutes, so a rotation needs no deploy.',
    });
  }

  /** Read the current value, nothing else: no DescribeSecret, no versions listing, no writes. */
  grantRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.secret.secretArn] }),
    );
  }
}
