import { AwsJsonService } from './aws-json-service';

interface CachedSecret {
  readonly value: string;
  readonly readAt: number;
}

/**
 * Secrets Manager `GetSecretValue` over its JSON protocol, signed by `aws4fetch` (see
 * aws-json-service.ts), with a per-container cache as Powertools Parameters kept it (`maxAgeMs`),
 * so a rotation is picked up without a redeploy. One request, one string: the SDK's Secrets
 * Manager client and Powertools Parameters (about 19 kB of each bundle that reads the app
 * secrets) brought nothing else.
 */
export class SecretsManagerJsonClient {
  private readonly cached = new Map<string, CachedSecret>();

  constructor(
    private readonly service: AwsJsonService = new AwsJsonService({
      signingName: 'secretsmanager',
      endpointEnvironmentSuffix: 'SECRETS_MANAGER',
      targetPrefix: 'secretsmanager',
      jsonVersion: '1.1',
    }),
    private readonly now: () => number = Date.now,
  ) {}

  async secretString(secretId: string, maxAgeMs: number): Promise<string> {
    const cached = this.cached.get(secretId);
    if (cached && this.now() - cached.readAt < maxAgeMs) return cached.value;
    const output = await this.service.call<{ SecretString?: string }>('GetSecretValue', { SecretId: secretId });
    if (output.SecretString === undefined) throw new Error('the secret has no SecretString (a binary secret?)');
    this.cached.set(secretId, { value: output.SecretString, readAt: this.now() });
    return output.SecretString;
  }
}

let client: SecretsManagerJsonClient | undefined;

/** One client (and so one cache) per container. */
export function secretsManagerClient(): SecretsManagerJsonClient {
  client ??= new SecretsManagerJsonClient();
  return client;
}
