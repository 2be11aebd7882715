import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exitCodes, runAdminCli } from '../../../scripts/admin/admin-cli';
import { call, startConnectWorld, type ConnectWorld } from '../connect/connect-world';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

describe('the admin command-line tool against the local stack', () => {
  let world: ConnectWorld;

  beforeAll(async () => {
    world = await startConnectWorld();
  });

  afterAll(async () => {
    await world.stop();
  });

  async function admin(
    argv: string[],
    env: Record<string, string | undefined> = {
      SYNC_API_URL: world.stack.apiUrl,
      SYNC_ADMIN_TOKEN: world.secrets.adminToken,
    },
  ) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli(argv, { env, out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('registers, lists, shows, mints a working settings link, reads the backfill and removes a program', async () => {
    // Prepare
    const programId = `cli-${randomBytes(4).toString('hex')}`;
    const apiKey = `pk_${randomBytes(12).toString('hex')}`;
    world.partnero.control.createProgram({ id: programId, apiKey });
    // Act
    const registered = await admin(['register', programId, '--name', 'CLI affiliates'], {
      SYNC_API_URL: world.stack.apiUrl,
      SYNC_ADMIN_TOKEN: world.secrets.adminToken,
      PARTNERO_API_KEY: apiKey,
    });
    const listed = await admin(['list', '--all', '--limit', '1']);
    const shown = await admin(['show', programId, '--json']);
    const link = await admin(['link', programId, '--ttl', '120']);
    const backfill = await admin(['backfill', programId, '--status']);
    const refusedRemove = await admin(['remove', programId]);
    const removed = await admin(['remove', programId, '--yes']);
    const gone = await admin(['show', programId]);
    // Assess
    expect(registered).toMatchObject({ code: exitCodes.ok });
    expect(registered.out).toContain(programId);
    expect(registered.out).not.toContain(apiKey);
    expect(listed.code).toBe(exitCodes.ok);
    expect(listed.out).toMatch(new RegExp(`^${programId}\\tCLI affiliates\\tregistered `, 'm'));
    expect(listed.out).not.toContain('more:');
    expect(shown.code).toBe(exitCodes.ok);
    expect(JSON.parse(shown.out)).toMatchObject({
      programId,
      displayName: 'CLI affiliates',
      attio: { connected: false },
    });
    expect(shown.out).not.toContain(apiKey);
    expect(link.code).toBe(exitCodes.ok);
    const url = link.out.split('\n')[0] as string;
    expect(url).toMatch(new RegExp(`^${world.stack.apiUrl}/settings/${programId}\\?token=v1\\.`));
    const opened = await call(url);
    expect(opened.status).toBeLessThan(400);
    expect(backfill.code).not.toBe(exitCodes.usage);
    expect(refusedRemove.code).toBe(exitCodes.usage);
    expect(refusedRemove.err).toMatch(/--yes/);
    expect(removed.code).toBe(exitCodes.ok);
    expect(world.partnero.control.webhooks(programId)).toEqual([]);
    expect(gone.code).toBe(exitCodes.refused);
    expect(gone.err).toMatch(/^show: 404 /);
  });

  it('says what is wrong, with a non-zero exit code: no URL, wrong token, unknown command, bad option', async () => {
    // Act
    const noUrl = await admin(['list'], {});
    const wrongToken = await admin(['list'], {
      SYNC_API_URL: world.stack.apiUrl,
      SYNC_ADMIN_TOKEN: 'not-the-token-at-all',
    });
    const unknownCommand = await admin(['frobnicate']);
    const badOption = await admin(['list', '--colour']);
    const unknownKind = await admin(['backfill', 'x', '--kinds', 'partner,nonsense']);
    const unreachable = await admin(['list'], { SYNC_API_URL: 'http://127.0.0.1:9', SYNC_ADMIN_TOKEN: 'x' });
    // Assess
    expect(noUrl).toMatchObject({ code: exitCodes.usage });
    expect(noUrl.err).toMatch(/SYNC_API_URL/);
    expect(wrongToken).toMatchObject({ code: exitCodes.refused });
    expect(wrongToken.err).toMatch(/^list: 403 .*SYNC_ADMIN_TOKEN/);
    expect(unknownCommand.code).toBe(exitCodes.usage);
    expect(unknownCommand.err).toMatch(/unknown command "frobnicate"/);
    expect(badOption.code).toBe(exitCodes.usage);
    expect(badOption.err).toMatch(/colour/);
    expect(unknownKind.code).toBe(exitCodes.usage);
    expect(unknownKind.err).toMatch(/nonsense/);
    expect(unreachable.code).toBe(exitCodes.refused);
    expect(unreachable.err).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it('has help for the tool and for each command', async () => {
    // Act
    const general = await admin(['--help'], {});
    const perCommand = await Promise.all(
      ['register', 'list', 'show', 'link', 'backfill', 'remove'].map((name) => admin([name, '--help'], {})),
    );
    // Assess
    expect(general.code).toBe(exitCodes.ok);
    for (const name of ['register', 'list', 'show', 'link', 'backfill', 'remove'])
      expect(general.out).toContain(`  ${name}`);
    for (const help of perCommand) {
      expect(help.code).toBe(exitCodes.ok);
      expect(help.out).toMatch(/^Usage: npm run admin -- \w+/);
      expect(help.out).toMatch(/SYNC_ADMIN_TOKEN/);
    }
  });

  it('runs as `npm run admin` does (tsx), exiting non-zero on failure', async () => {
    // Act
    const env = { ...process.env, SYNC_API_URL: world.stack.apiUrl, SYNC_ADMIN_TOKEN: world.secrets.adminToken };
    const listed = await run(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/admin.ts', 'list'], {
      cwd: root,
      env,
    });
    const failed = await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['scripts/admin.ts', 'show', 'no-such-program'],
      { cwd: root, env },
    ).catch((error: { code: number; stderr: string }) => error);
    // Assess
    expect(listed.stdout).toMatch(/registered|no programs/);
    expect(failed).toMatchObject({ code: exitCodes.refused });
    expect((failed as { stderr: string }).stderr).toMatch(/show: 404/);
  });
});
