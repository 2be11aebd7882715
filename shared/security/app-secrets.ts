import * as z from 'zod';
import { secretsManagerClient } from '../aws/secrets-manager-json-client';
import { ENV } from '../config/environment-names';
import { ConfigurationError } from '../errors';

/** The app-level secrets: one Secrets Manager secret (JSON) in AWS, environment variables locally. */
export const appSecretsSchema = z.object({
  attioClientId: z.string().min(1),
  attioClientSecret: z.string().min(1),
  /** HMAC key of the short-lived settings links the Partnero app mints. */
  settingsLinkSigningKey: z.string().min(16),
  /** Bearer credential of the platform team's admin API. */
  adminApiToken: z.string().min(16),
});
export type AppSecrets = z.infer<typeof appSecretsSchema>;

/**
 * Reads the secrets, cached for 5 minutes in AWS so a rotation is picked up without a redeploy
 * (shared/aws/secrets-manager-json-client.ts). The values are never logged; a malformed secret
 * (or one that is not JSON) names only its fields.
 */
export async function loadAppSecrets(environment: NodeJS.ProcessEnv = process.env): Promise<AppSecrets> {
  const secretArn = environment[ENV.appSecretArn];
  const raw: unknown = secretArn
    ? parseJsonOrNothing(await secretsManagerClient().secretString(secretArn, 300_000))
    : {
        attioClientId: environment[ENV.attioClientId],
        attioClientSecret: environment[ENV.attioClientSecret],
        settingsLinkSigningKey: environment[ENV.settingsLinkSigningKey],
        adminApiToken: environment[ENV.adminApiToken],
      };
  const parsed = appSecretsSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new ConfigurationError(`App secrets are missing or malformed: ${fields}`);
  }
  return parsed.data;
}

/** The app's Attio OAuth client credentials, read when a connect flow needs them (so a rotation is seen). */
export async function attioClientCredentials(): Promise<{ readonly clientId: string; readonly clientSecret: string }> {
  const secrets = await loadAppSecrets();
  return { clientId: secrets.attioClientId, clientSecret: secrets.attioClientSecret };
}

/** A secret that is not JSON is as malformed as one missing its fields: say which, never the value. */
function parseJsonOrNothing(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
