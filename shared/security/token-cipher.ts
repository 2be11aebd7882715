import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KmsJsonClient } from '../aws/kms-json-client';
import { ConfigurationError } from '../errors';
import { ENV } from '../config/environment-names';

/**
 * Encrypts tokens and API keys before they are stored. The context (program and purpose) is
 * bound to the ciphertext, so a value copied to another program or field does not decrypt.
 */
export interface TokenCipher {
  encrypt(plaintext: string, context: TokenContext): Promise<string>;
  decrypt(ciphertext: string, context: TokenContext): Promise<string>;
}

export interface TokenContext {
  readonly programId: string;
  /** e.g. `attio-access-token`, `partnero-api-key`, `attio-webhook-secret`. */
  readonly purpose: string;
}

/**
 * AWS: KMS Encrypt/Decrypt with an encryption context; the values are far below KMS's 4 KB limit.
 * Two one-request calls, so the signed JSON client serves them (the SDK's KMS client was 27 kB of
 * every bundle, on the webhook's first answer too).
 */
export class KmsTokenCipher implements TokenCipher {
  constructor(
    private readonly keyId: string,
    private readonly kms: Pick<KmsJsonClient, 'encrypt' | 'decrypt'> = new KmsJsonClient(),
  ) {}

  async encrypt(plaintext: string, context: TokenContext): Promise<string> {
    const blob = await this.kms.encrypt({
      KeyId: this.keyId,
      Plaintext: Buffer.from(plaintext, 'utf8'),
      EncryptionContext: { ...context },
    });
    return `kms:${Buffer.from(blob).toString('base64')}`;
  }

  async decrypt(ciphertext: string, context: TokenContext): Promise<string> {
    const blob = Buffer.from(ciphertext.replace(/^kms:/, ''), 'base64');
    const plaintext = await this.kms.decrypt({
      KeyId: this.keyId,
      CiphertextBlob: blob,
      EncryptionContext: { ...context },
    });
    return Buffer.from(plaintext).toString('utf8');
  }
}

/** The local stack's stand-in for KMS: AES-256-GCM with the context as additional data. */
export class LocalTokenCipher implements TokenCipher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new ConfigurationError(`${ENV.localTokenKey} must be 32 bytes, base64-encoded`);
  }

  async encrypt(plaintext: string, context: TokenContext): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`${context.programId}\n${context.purpose}`));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `local:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  async decrypt(ciphertext: string, context: TokenContext): Promise<string> {
    const raw = Buffer.from(ciphertext.replace(/^local:/, ''), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`${context.programId}\n${context.purpose}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** KMS when a key id is configured (AWS), the local key otherwise (local stack and tests). */
export function tokenCipherFromEnvironment(environment: NodeJS.ProcessEnv = process.env): TokenCipher {
  const keyId = environment[ENV.tokenKeyId];
  if (keyId) return new KmsTokenCipher(keyId);
  const localKey = environment[ENV.localTokenKey];
  if (localKey) return new LocalTokenCipher(localKey);
  throw new ConfigurationError(`Invalid configuration: set ${ENV.tokenKeyId} (AWS) or ${ENV.localTokenKey} (local)`);
}
