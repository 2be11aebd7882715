import { startBanner, type StartSummary } from '../../../local/start-banner';
import { jsonLogEntry } from '../../../local/start-logs';

/** What `npm start` tells a person: enough to use the demo without reading the code. */
describe('npm start output', () => {
  const summary: StartSummary = {
    apiUrl: 'http://127.0.0.1:3000',
    attio: { url: 'http://127.0.0.1:4001', simulated: true, workspaceId: 'ws-1', workspaceName: 'Acme Sales' },
    partnero: { url: 'http://127.0.0.1:4002', simulated: true },
    dynamoDbEndpoint: 'http://127.0.0.1:4003',
    sqsEndpoint: 'http://127.0.0.1:4004',
    adminToken: 'tok-123',
    adminTokenFromEnvironment: false,
    demo: {
      programId: 'demo-program',
      displayName: 'Demo affiliate program',
      settingsLink: 'http://127.0.0.1:3000/settings/demo-program?token=t',
      expiresAt: '2026-12-02T01:15:00.000Z',
    },
    logFile: '/tmp/npm-start.log.jsonl',
    verbose: false,
  };

  it('prints the admin token, how to mint a fresh link, the demo workspace, the log file and calls for each simulator', () => {
    // Act
    const text = startBanner(summary).join('\n');
    // Assess
    expect(text).toContain('tok-123');
    expect(text).toContain(
      'SYNC_API_URL=http://127.0.0.1:3000 SYNC_ADMIN_TOKEN=tok-123 npm run admin -- link demo-program',
    );
    expect(text).toContain('demo workspace "Acme Sales" (ws-1)');
    expect(text).toContain('/tmp/npm-start.log.jsonl');
    expect(text).toContain('--verbose');
    expect(text).toContain('curl -s -X POST http://127.0.0.1:4002/__sim/programs/demo-program/partners');
    expect(text).toContain('curl -s http://127.0.0.1:4001/__sim/workspaces/ws-1/objects/people/records');
  });

  it('leaves out the simulator calls for a provider that is not simulated', () => {
    // Act
    const text = startBanner({ ...summary, partnero: { url: 'https://api.partnero.com', simulated: false } }).join(
      '\n',
    );
    // Assess
    expect(text).not.toContain('/__sim/programs');
    expect(text).toContain('/__sim/workspaces/ws-1');
  });

  it('shows warnings and errors of the JSON logs as one short line and keeps the rest for the file', () => {
    // Act
    const warning = jsonLogEntry(
      JSON.stringify({
        level: 'WARN',
        timestamp: '2026-12-02T01:02:03.000Z',
        function_name: 'partnero-to-attio-worker',
        message: 'retrying',
        error: { message: 'attio answered 500' },
      }),
    );
    const info = jsonLogEntry(JSON.stringify({ level: 'INFO', message: 'processed' }));
    // Assess
    expect(warning).toEqual({
      important: true,
      summary: '01:02:03 WARN partnero-to-attio-worker: retrying (attio answered 500)',
    });
    expect(info?.important).toBe(false);
    expect(jsonLogEntry('plain text')).toBeUndefined();
  });
});
