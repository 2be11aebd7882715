import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceFunctions } from '../../functions/catalog';
import { environmentFor, type ServiceEndpoints } from '../../shared/config/function-environment';
import { ENV } from '../../shared/config/environment-names';
import { localEndpoints } from '../support/service-endpoints';

/**
 * A handler that reads a variable its catalog needs do not provide fails at init (in AWS, and in
 * the local stack, which gives each function only its own variables). This reads each handler
 * module for the variables it names, and for the shared helpers that read one, and checks its
 * needs cover them before anything runs.
 */
const endpoints: ServiceEndpoints = { ...localEndpoints, appSecretArn: 'secret', tokenKeyArn: 'key' };

/** Shared helpers that read the environment themselves, and what they need in AWS. */
const helpersReading: Record<string, string> = {
  tokenCipherFromEnvironment: ENV.tokenKeyId,
  // Builds the worker's program loader with tokenCipherFromEnvironment (shared/queue/sync-worker-parts.ts).
  syncWorkerHandler: ENV.tokenKeyId,
  loadAppSecrets: ENV.appSecretArn,
};

/** Stand-ins for AWS services when running locally; in AWS their absence is the point. */
const localOnly = new Set<string>([
  ENV.localTokenKey,
  ENV.attioClientId,
  ENV.attioClientSecret,
  ENV.settingsLinkSigningKey,
  ENV.adminApiToken,
]);

function variablesReadBy(entry: string): string[] {
  const source = readFileSync(join(__dirname, '..', '..', entry), 'utf8');
  const named = [...source.matchAll(/\bENV\.(\w+)/g)].map((match) => ENV[match[1] as keyof typeof ENV]);
  const viaHelpers = Object.entries(helpersReading)
    .filter(([helper]) => new RegExp(`\\b${helper}\\(`).test(source))
    .map(([, variable]) => variable);
  return [...new Set([...named, ...viaHelpers])]
    .filter((variable) => variable !== undefined && !localOnly.has(variable))
    .sort();
}

it.each(serviceFunctions.map((definition) => [definition.name, definition] as const))(
  '%s reads only variables its needs provide',
  (_name, definition) => {
    // Act
    const provided = Object.keys(environmentFor(definition, endpoints));
    // Assess
    expect(variablesReadBy(definition.entry).filter((variable) => !provided.includes(variable))).toEqual([]);
  },
);
