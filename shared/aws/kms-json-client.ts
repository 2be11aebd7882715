import type { DecryptRequest, EncryptRequest } from '@aws-sdk/client-kms';
import { AwsJsonService } from './aws-json-service';

/** KMS's blobs travel base64-encoded in its JSON protocol. */
type OnTheWire<T> = { [K in keyof T]: T[K] extends Uint8Array | undefined ? string : T[K] };

/**
 * KMS `Encrypt` and `Decrypt` over its JSON protocol, signed by `aws4fetch` (see
 * aws-json-service.ts): the token cipher's two calls without the SDK's KMS client (27 kB of
 * every bundle). The request fields are the SDK's own types (`import type`, erased).
 */
export class KmsJsonClient {
  constructor(
    private readonly service: AwsJsonService = new AwsJsonService({
      signingName: 'kms',
      endpointEnvironmentSuffix: 'KMS',
      targetPrefix: 'TrentService',
      jsonVersion: '1.1',
    }),
  ) {}

  async encrypt(input: Omit<EncryptRequest, 'Plaintext'> & { Plaintext: Uint8Array }): Promise<Uint8Array> {
    const output = await this.service.call<{ CiphertextBlob?: string }>('Encrypt', {
      ...input,
      Plaintext: Buffer.from(input.Plaintext).toString('base64'),
    } satisfies OnTheWire<EncryptRequest>);
    if (!output.CiphertextBlob) throw new Error('KMS Encrypt answered without a CiphertextBlob');
    return Buffer.from(output.CiphertextBlob, 'base64');
  }

  async decrypt(input: Omit<DecryptRequest, 'CiphertextBlob'> & { CiphertextBlob: Uint8Array }): Promise<Uint8Array> {
    const output = await this.service.call<{ Plaintext?: string }>('Decrypt', {
      ...input,
      CiphertextBlob: Buffer.from(input.CiphertextBlob).toString('base64'),
    } satisfies OnTheWire<DecryptRequest>);
    if (output.Plaintext === undefined) throw new Error('KMS Decrypt answered without a Plaintext');
    return Buffer.from(output.Plaintext, 'base64');
  }
}
