import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface BenchRow {
  readonly [column: string]: string | number;
}

/** The machine a figure was measured on, printed and stored with every result. */
export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  return `${cpus().length} x ${cpu.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}

/** Prints a table and writes `bench/results/<name>.json` (unless in smoke mode, which proves only that it runs). */
export function report(
  name: string,
  rows: BenchRow[],
  notes: Record<string, unknown> = {},
  options: { smoke?: boolean } = {},
): void {
  console.log(
    `\n${name} — ${machineDescription()}${options.smoke ? ' (smoke mode: tiny sizes, figures not meaningful)' : ''}`,
  );
  console.table(rows);
  if (options.smoke) return;
  const directory = join(__dirname, '..', 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, `${name}.json`),
    `${JSON.stringify({ name, machine: machineDescription(), measuredAt: new Date().toISOString(), rows, notes }, null, 2)}\n`,
  );
}

export function percentile(sortedValues: number[], fraction: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const index = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(fraction * sortedValues.length) - 1));
  return sortedValues[index] as number;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const isSmoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
