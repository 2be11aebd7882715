/**
 * Prints the latest results in bench/results/*.json as Markdown tables, for the README's
 * Benchmarks section. Run: npm run bench:results-markdown
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './support/report';

const order = [
  'webhook-ack',
  'end-to-end',
  'provider-calls',
  'rate-limited-throughput',
  'cold-start',
  'aws-cost',
  'fairness',
  'scale',
  'reconciliation-listing',
];

interface StoredResult {
  readonly name: string;
  readonly machine: string;
  readonly measuredAt: string;
  readonly rows: BenchRow[];
}

function table(rows: BenchRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => String(value ?? '').replaceAll('|', '\\|');
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(' | ')} |`),
  ].join('\n');
}

const directory = join(__dirname, 'results');
for (const name of order) {
  const file = join(directory, `${name}.json`);
  if (!existsSync(file)) continue;
  const result = JSON.parse(readFileSync(file, 'utf8')) as StoredResult;
  console.log(
    `### ${name} (\`npm run bench:${name}\`, ${result.measuredAt.slice(0, 16).replace('T', ' ')} UTC)\n\n${table(result.rows)}\n`,
  );
}
