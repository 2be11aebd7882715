import cdkJson from '../../cdk.json';
import { maxConcurrencyFor, readStageConfig, requestedStages } from '../../lib/stage-config';
import { scratchApp } from './support/service-app';

const appWith = (context: Record<string, unknown>) => scratchApp({ ...cdkJson.context, ...context });

describe('requested stages', () => {
  it('are dev when none is given', () => {
    expect(requestedStages(appWith({}).node)).toEqual(['dev']);
  });

  it('are read from a comma-separated list, once each', () => {
    expect(requestedStages(appWith({ stage: 'dev, prod,dev' }).node)).toEqual(['dev', 'prod']);
  });
});

describe('a stage configuration', () => {
  it("takes cdk.json's settings for the stage", () => {
    const config = readStageConfig(appWith({}).node, 'prod');
    expect(config).toMatchObject({
      stageName: 'prod',
      removalPolicy: 'retain',
      logRetentionDays: 90,
      partneroToAttioMaxConcurrency: 100,
    });
    expect(readStageConfig(appWith({}).node, 'dev').removalPolicy).toBe('destroy');
  });

  it('takes -c <stage>:<field> over cdk.json, parsing strings the way the CLI passes them', () => {
    // Prepare
    const app = appWith({
      'prod:alarmEmails': 'ops@example.com, oncall@example.com',
      'prod:oldestMessageAlarmMinutes': '45',
      'dev:oldestMessageAlarmMinutes': '5',
    });
    // Act
    const config = readStageConfig(app.node, 'prod');
    // Assess
    expect(config.alarmEmails).toEqual(['ops@example.com', 'oncall@example.com']);
    expect(config.oldestMessageAlarmMinutes).toBe(45);
  });

  it('gives a stage cdk.json does not know safe defaults: data retained, provider URLs, concurrency sized to the scale target', () => {
    const config = readStageConfig(appWith({}).node, 'staging');
    expect(config).toEqual({
      stageName: 'staging',
      alarmEmails: [],
      partneroToAttioMaxConcurrency: 100,
      attioToPartneroMaxConcurrency: 100,
      logRetentionDays: 90,
      auditRetentionDays: 30,
      attioEventWindowSeconds: 5,
      oldestMessageAlarmMinutes: 15,
      removalPolicy: 'retain',
      attioApiUrl: 'https://api.attio.com',
      attioAppUrl: 'https://app.attio.com',
      partneroApiUrl: 'https://api.partnero.com',
      edgeProtection: false,
    });
    expect(maxConcurrencyFor(config, 'partnero-to-attio')).toBe(100);
    expect(maxConcurrencyFor(config, 'attio-to-partnero')).toBe(100);
  });

  it.each([
    ['a concurrency Lambda refuses', { 'qa:partneroToAttioMaxConcurrency': '1' }, 'partneroToAttioMaxConcurrency'],
    ['a retention CloudWatch does not offer', { 'qa:logRetentionDays': '42' }, 'logRetentionDays'],
    ['an address that is not one', { 'qa:alarmEmails': 'ops@example.com,not-an-email' }, 'alarmEmails.1'],
    ['a removal policy it does not know', { 'qa:removalPolicy': 'snapshot' }, 'removalPolicy'],
    [
      'an Attio event window SQS could not deduplicate over',
      { 'qa:attioEventWindowSeconds': '301' },
      'attioEventWindowSeconds',
    ],
    ['a plain-HTTP provider URL', { 'qa:attioApiUrl': 'http://api.attio.com' }, 'attioApiUrl'],
    ['a misspelt field in cdk.json', { stages: { qa: { alarmEmail: ['ops@example.com'] } } }, 'alarmEmail'],
  ])('rejects %s, naming the field', (_case, context, field) => {
    expect(() => readStageConfig(appWith(context).node, 'qa')).toThrow(
      new RegExp(`Invalid configuration of stage "qa": .*${field.replace('.', '\\.')}`),
    );
  });

  it('rejects a stage name that cannot prefix resource names', () => {
    expect(() => readStageConfig(appWith({}).node, 'Prod_EU')).toThrow(/stageName: lowercase letters/);
  });
});
