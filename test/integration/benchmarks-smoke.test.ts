import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Every benchmark runs here in smoke mode (tiny sizes, nothing written to bench/results), so a
 * change that breaks a benchmark script fails the build instead of being found months later.
 * The figures are not asserted: speed is measured by the benchmarks, not by tests.
 */
const benchmarks = [
  'cold-start',
  'webhook-ack',
  'end-to-end',
  'provider-calls',
  'rate-limited-throughput',
  'aws-cost',
  'fairness',
  'scale',
  'reconciliation-listing',
  'reconciliation-incremental',
];

function runSmoke(name: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '..', '..', 'bench', `${name}.ts`), '--smoke'],
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, BENCH_SMOKE: '1' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('benchmarks in smoke mode', () => {
  it.each(benchmarks)(
    'bench/%s.ts runs and prints its table',
    async (name) => {
      const { code, output } = await runSmoke(name);
      expect(output).toContain(`${name} — `);
      expect(output).toContain('│');
      expect(code).toBe(0);
    },
    150_000,
  );
});
