import { serviceFunctions, type FunctionDefinition } from '../../../functions/catalog';
import { environmentFor, readFunctionEnvironment } from '../../../shared/config/function-environment';
import { ENV } from '../../../shared/config/environment-names';
import { ConfigurationError } from '../../../shared/errors';
import { localEndpoints } from '../../support/service-endpoints';

const endpoints = localEndpoints;

const entry = (name: string): FunctionDefinition => serviceFunctions.find((definition) => definition.name === name)!;
const settingsPage = entry('settings-page');
const withoutPublicUrl: FunctionDefinition = { ...settingsPage, needs: { ...settingsPage.needs, publicApiUrl: false } };

describe('readFunctionEnvironment', () => {
  it('reads each variable its catalog entry gives, as the stack sets it', () => {
    // Act
    const environment = readFunctionEnvironment(environmentFor(settingsPage, endpoints));
    // Assess
    expect([environment[ENV.syncTableName], environment[ENV.publicApiUrl], environment[ENV.attioAppUrl]]).toEqual([
      'sync',
      'http://127.0.0.1:3000',
      'http://127.0.0.1:4000',
    ]);
  });

  it('fails at start, naming the variable, when one it was given is malformed', () => {
    const given = { ...environmentFor(settingsPage, endpoints), [ENV.publicApiUrl]: 'not a url' };
    expect(() => readFunctionEnvironment(given)).toThrow(new RegExp(`^Invalid configuration: ${ENV.publicApiUrl}`));
  });

  it('throws when a handler reads a variable its entry does not give', () => {
    // Prepare
    const environment = readFunctionEnvironment(environmentFor(withoutPublicUrl, endpoints));
    // Act, Assess
    expect(() => environment[ENV.publicApiUrl]).toThrow(ConfigurationError);
    expect(() => environment[ENV.publicApiUrl]).toThrow(/PUBLIC_API_URL is not set/);
  });

  it('reads an optional variable it was not given as unset', () => {
    const environment = readFunctionEnvironment(environmentFor(entry('attio-to-partnero-worker'), endpoints));
    expect([environment[ENV.attioWritesPerSecond], environment[ENV.syncTableName]]).toEqual([undefined, 'sync']);
  });
});

describe('environmentFor', () => {
  it('leaves out the AWS-only names when the endpoints have none (the local stack)', () => {
    const admin = entry('admin-programs');
    expect(Object.keys(environmentFor(admin, endpoints))).not.toEqual(expect.arrayContaining([ENV.appSecretArn]));
    expect(environmentFor(admin, { ...endpoints, appSecretArn: 'arn:secret', tokenKeyArn: 'arn:key' })).toMatchObject({
      [ENV.appSecretArn]: 'arn:secret',
      [ENV.tokenKeyId]: 'arn:key',
    });
  });

  it('gives the Attio webhook the event window, and refuses it to a function that does not send to the queue delayed by it', () => {
    // Prepare
    const webhook = entry('attio-webhook');
    const elsewhere: FunctionDefinition = { ...webhook, needs: { ...webhook.needs, sendsTo: ['partnero-to-attio'] } };
    // Act
    const environment = readFunctionEnvironment(environmentFor(webhook, endpoints));
    // Assess
    expect(environment[ENV.attioEventWindowSeconds]).toBe(5);
    expect(environmentFor(entry('attio-to-partnero-worker'), endpoints)).not.toHaveProperty(
      ENV.attioEventWindowSeconds,
    );
    expect(() => environmentFor(elsewhere, endpoints)).toThrow(
      /attioEventWindow is for functions that send to attio-to-partnero/,
    );
  });
});
