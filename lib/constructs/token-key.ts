import type { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface TokenKeyProps {
  readonly stageName: string;
  readonly removalPolicy: RemovalPolicy;
}

export type TokenKeyAccess = 'decrypt' | 'encrypt-decrypt';

/**
 * The KMS key that encrypts each program's Attio access token, Partnero API key and webhook
 * secrets before they are stored (`shared/security/token-cipher.ts`). The cipher binds the
 * program and purpose as encryption context, so a ciphertext copied to another program does
 * not decrypt. One key for all tenants: about $1 a month, rotated yearly by KMS.
 */
export class TokenKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: TokenKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts program tokens and API keys stored in the sync table',
      enableKeyRotation: true,
      // Stage-prefixed, so two stages in one account do not clash; the runbook refers to it.
      alias: `alias/partnero-attio-sync-${props.stageName}/tokens`,
      removalPolicy: props.removalPolicy,
    });
  }

  /**
   * Only Encrypt and Decrypt: the cipher calls nothing else (tokens are far below KMS's 4 KB
   * limit, so no data keys), hence no `GenerateDataKey*` or `ReEncrypt*`. With `purposes`, only
   * for ciphertexts whose encryption context names one of them (the webhook routes: their
   * provider's webhook secret), so a leaked webhook role cannot read tokens or API keys. The
   * cipher has bound `purpose` since the first release, so every stored secret still decrypts.
   */
  grant(grantee: IGrantable, access: TokenKeyAccess, purposes?: readonly string[]): void {
    const actions = access === 'decrypt' ? ['kms:Decrypt'] : ['kms:Encrypt', 'kms:Decrypt'];
    const conditions = purposes ? { StringEquals: { 'kms:EncryptionContext:purpose': [...purposes] } } : undefined;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions, resources: [this.key.keyArn], conditions }),
    );
  }
}
