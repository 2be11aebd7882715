import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LogRouting {
  /** Where every JSON log line of this run goes (truncated at start). */
  readonly file: string;
  /** Writes to the real console, past the routing: for what `npm start` itself prints. */
  print(line: string): void;
  /** Writes one line to the log file only. */
  record(line: string): void;
  /** Puts the console back as it was. */
  restore(): void;
}

/**
 * `npm start` runs every function in one process, and each logs JSON (Powertools) to stdout as it
 * would in Lambda: hundreds of lines a minute. This keeps the console readable: every JSON line
 * goes to `file`; the console shows only warnings and errors, one short line each, unless
 * `verbose`, when it shows every line as written. Lines that are not JSON pass through.
 */
export function routeLogs(options: { file: string; verbose: boolean }): LogRouting {
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileSync(options.file, '');
  const originals = {
    stdout: process.stdout.write.bind(process.stdout),
    stderr: process.stderr.write.bind(process.stderr),
  };

  const route = (stream: 'stdout' | 'stderr') => {
    let pending = '';
    return ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const entry = jsonLogEntry(line);
        if (!entry) {
          originals[stream](`${line}\n`);
          continue;
        }
        appendFileSync(options.file, `${line}\n`);
        if (options.verbose) originals[stream](`${line}\n`);
        else if (entry.important) originals[stream](`${entry.summary}\n`);
      }
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  };
  process.stdout.write = route('stdout');
  process.stderr.write = route('stderr');

  return {
    file: options.file,
    print: (line) => void originals.stdout(`${line}\n`),
    record: (line) => appendFileSync(options.file, `${line}\n`),
    restore: () => {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
    },
  };
}

/** A Powertools log line: is it a warning or an error, and its one-line summary. */
export function jsonLogEntry(line: string): { important: boolean; summary: string } | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const entry = parsed as Record<string, unknown>;
  const level = typeof entry.level === 'string' ? entry.level.toUpperCase() : 'INFO';
  const time = typeof entry.timestamp === 'string' ? entry.timestamp.slice(11, 19) : '';
  const source =
    typeof entry.function_name === 'string'
      ? entry.function_name
      : typeof entry.service === 'string'
        ? entry.service
        : 'service';
  const message = typeof entry.message === 'string' ? entry.message : '';
  const error =
    typeof entry.error === 'object' && entry.error !== null
      ? (entry.error as Record<string, unknown>).message
      : undefined;
  return {
    important: level === 'WARN' || level === 'ERROR' || level === 'CRITICAL',
    summary: `${time} ${level} ${source}: ${message}${typeof error === 'string' ? ` (${error})` : ''}`,
  };
}
