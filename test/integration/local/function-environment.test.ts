import { randomBytes } from 'node:crypto';
import { serviceFunctions, type FunctionDefinition } from '../../../functions/catalog';
import { startLocalStack } from '../../../local/local-stack';
import { localAwsEndpoints } from '../../support/local-aws-clients';

/**
 * The local stack gives each function the environment its catalog entry gives it in AWS, and
 * nothing more, although every function runs in this one process: a variable a handler reads
 * but its entry does not give fails the start here, not first in AWS.
 */
describe('each function gets only its own environment locally', () => {
  const providers = {
    attioApiUrl: 'http://127.0.0.1:9',
    attioAppUrl: 'http://127.0.0.1:9',
    partneroApiUrl: 'http://127.0.0.1:9',
  };
  const settingsPage = serviceFunctions.find((definition) => definition.name === 'settings-page')!;
  // The local stand-ins for Secrets Manager and KMS, which every function shares.
  const environment = {
    LOCAL_TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ATTIO_CLIENT_ID: 'local-attio-client',
    ATTIO_CLIENT_SECRET: randomBytes(16).toString('hex'),
    SETTINGS_LINK_SIGNING_KEY: randomBytes(32).toString('hex'),
    ADMIN_API_TOKEN: randomBytes(24).toString('hex'),
  };

  beforeEach(() => {
    // Each start loads the handlers afresh, as a new Lambda container would.
    jest.resetModules();
  });

  it('fails to start a function whose catalog entry lacks a variable its handler reads', async () => {
    // Prepare: the settings page builds absolute links, but this catalog does not give it PUBLIC_API_URL.
    const catalog: FunctionDefinition[] = serviceFunctions.map((definition) =>
      definition.name === settingsPage.name
        ? { ...definition, needs: { ...definition.needs, publicApiUrl: false } }
        : definition,
    );

    // Act
    const started = startLocalStack({
      ...localAwsEndpoints(),
      ...providers,
      environment,
      catalog,
      startWorkers: false,
    });

    // Assess
    await expect(started).rejects.toThrow(/^settings-page failed to start: Invalid configuration: PUBLIC_API_URL/);
  });

  it('starts the same function from its own entry', async () => {
    // Act
    const stack = await startLocalStack({
      ...localAwsEndpoints(),
      ...providers,
      environment,
      catalog: [settingsPage],
      startWorkers: false,
    });

    // Assess
    try {
      const response = await fetch(`${stack.apiUrl}/settings/some-program`);
      expect(response.status).toBe(401);
    } finally {
      await stack.stop();
    }
  });
});
