import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface SupervisedProcess {
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  // SIGTERM, not SIGKILL: the supervisor must live long enough to end the emulator it runs.
  for (const child of running) child.kill('SIGTERM');
});

/**
 * Starts `command` under `supervisor.mjs`, which ends it as soon as this process goes away,
 * so an emulator never outlives the test run or the local stack that started it.
 */
export function startSupervised(
  name: string,
  command: string,
  args: string[],
  options: { quiet?: boolean; cwd?: string } = {},
): SupervisedProcess {
  const child = spawn(process.execPath, [join(__dirname, 'supervisor.mjs'), command, ...args], {
    stdio: ['pipe', options.quiet ? 'ignore' : 'inherit', options.quiet ? 'ignore' : 'inherit'],
    cwd: options.cwd,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.on('error', (error) => {
    throw new Error(`${name} could not be started: ${error.message}`);
  });
  return {
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.stdin?.end();
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Polls `probe` until it resolves or the deadline passes. */
export async function waitUntilReady(name: string, probe: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${name} did not become ready within ${timeoutMs} ms: ${String(lastError)}`);
}

export interface RunningEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * The emulator once it answers `probe` at `endpoint`; stopped, and the error thrown, if it never
 * does, so that no caller is left holding a process it cannot use.
 */
export async function readyEmulator(
  name: string,
  emulator: SupervisedProcess,
  endpoint: string,
  probe: () => Promise<unknown>,
  timeoutMs?: number,
): Promise<RunningEmulator> {
  try {
    await waitUntilReady(name, probe, timeoutMs);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return { endpoint, stop: () => emulator.stop() };
}
