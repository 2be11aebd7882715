import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EventSourceMappingStats } from '../../local/event-source-mapping';
import type { LocalStackOptions } from '../../local/local-stack';
import type { LocalResources } from '../../local/provision';
import type { SyncDirection } from '../../shared/queue/sync-queues';
import type { BenchStack, ConcurrencySampling, ProcessUsage } from './bench-stack';

/** What the benchmark asks the service's process (`stack-process.ts`), one answer per request id. */
export type StackRequest =
  | { readonly op: 'workerStats'; readonly direction: SyncDirection }
  | { readonly op: 'sampleConcurrency'; readonly direction: SyncDirection; readonly everyMs: number }
  | { readonly op: 'stopSampling'; readonly direction: SyncDirection }
  | { readonly op: 'usage' }
  | { readonly op: 'waitUntilIdle'; readonly timeoutMs?: number }
  | { readonly op: 'runScheduled'; readonly name: string }
  | { readonly op: 'stop' };

export interface StackStarted {
  readonly apiUrl: string;
  readonly resources: LocalResources;
  readonly sqsEndpoint: string;
  readonly dynamoDbEndpoint: string;
}

export type StackMessage =
  | { readonly started: StackStarted }
  | { readonly startFailed: string }
  | { readonly id: number; readonly value?: unknown; readonly error?: string };

/**
 * Runs the local stack (HTTP API, event source mappings, handlers) in a child process of its
 * own, so that its event loop and its CPU are the service's alone: the simulators, the latency
 * proxies and the load generator stay in the benchmark's process and cannot slow the service
 * down, nor hide in its figures. In AWS every Lambda container has its own CPU; here the whole
 * fleet still shares this one process, which is the bound this measures.
 */
export async function startStackInChildProcess(options: LocalStackOptions): Promise<BenchStack> {
  const child: ChildProcess = fork(join(__dirname, 'stack-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited = false;
  const started = new Promise<StackStarted>((resolve, reject) => {
    child.on('message', (message: StackMessage) => {
      if ('started' in message) resolve(message.started);
      else if ('startFailed' in message)
        reject(new Error(`the service's process did not start: ${message.startFailed}`));
      else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.value);
      }
    });
    child.once('exit', (code) => {
      exited = true;
      const error = new Error(`the service's process exited (code ${code})`);
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  });
  child.send({ start: options });
  const ready = await started.catch((error: unknown) => {
    child.kill();
    throw error;
  });

  function ask<Value>(request: StackRequest): Promise<Value> {
    if (exited) return Promise.reject(new Error("the service's process has exited"));
    const id = (nextId += 1);
    return new Promise<Value>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, request });
    });
  }

  return {
    ...ready,
    workerStats: (direction) => ask<EventSourceMappingStats>({ op: 'workerStats', direction }),
    async sampleConcurrency(direction, everyMs): Promise<ConcurrencySampling> {
      await ask({ op: 'sampleConcurrency', direction, everyMs });
      return { stop: () => ask({ op: 'stopSampling', direction }) };
    },
    usage: () => ask<ProcessUsage>({ op: 'usage' }),
    waitUntilIdle: (timeoutMs) => ask({ op: 'waitUntilIdle', timeoutMs }),
    runScheduled: (name) => ask({ op: 'runScheduled', name }),
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await ask({ op: 'stop' }).catch(() => undefined);
      await gone;
    },
  };
}
