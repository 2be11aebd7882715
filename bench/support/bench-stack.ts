import { performance } from 'node:perf_hooks';
import type { RunningEventSourceMapping, EventSourceMappingStats } from '../../local/event-source-mapping';
import type { LocalStack } from '../../local/local-stack';
import type { LocalResources } from '../../local/provision';
import type { SyncDirection } from '../../shared/queue/sync-queues';

/**
 * The service as a benchmark sees it, whether it runs in the benchmark's own process
 * (`inProcessStack`) or alone in a child process (`stack-process.ts`): every figure the
 * benchmarks read of it is asked for, so both answer the same way.
 */
export interface BenchStack {
  readonly apiUrl: string;
  readonly resources: LocalResources;
  readonly sqsEndpoint: string;
  readonly dynamoDbEndpoint: string;
  workerStats(direction: SyncDirection): Promise<EventSourceMappingStats>;
  /**
   * Samples a worker's batches in flight every `everyMs`, in the process that runs it (so a busy
   * benchmark process cannot skip samples), from now until `stop`, which also answers the most
   * batches that ran at once in between.
   */
  sampleConcurrency(direction: SyncDirection, everyMs: number): Promise<ConcurrencySampling>;
  /** CPU time and event-loop use of the process that runs the service, from its start. */
  usage(): Promise<ProcessUsage>;
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  runScheduled(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

export interface ConcurrencySampling {
  stop(): Promise<{ readonly samples: number[]; readonly peak: number }>;
}

export interface ProcessUsage {
  /** User plus system CPU, microseconds (`process.cpuUsage()`). */
  readonly cpuMicros: number;
  /** `performance.eventLoopUtilization()`: milliseconds the loop was busy and idle. */
  readonly loopActiveMs: number;
  readonly loopIdleMs: number;
}

export function processUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  return { cpuMicros: cpu.user + cpu.system, loopActiveMs: loop.active, loopIdleMs: loop.idle };
}

/** Between two readings: the share of one core the process used, and of the time its loop was busy. */
export function usageBetween(
  before: ProcessUsage,
  after: ProcessUsage,
  seconds: number,
): { cores: number; loopBusy: number } {
  const active = after.loopActiveMs - before.loopActiveMs;
  const idle = after.loopIdleMs - before.loopIdleMs;
  return {
    cores: (after.cpuMicros - before.cpuMicros) / 1e6 / seconds,
    loopBusy: active + idle > 0 ? active / (active + idle) : Number.NaN,
  };
}

/** Starts sampling one mapping; the peak starts from the batches running now. */
export function sampleMapping(mapping: RunningEventSourceMapping, everyMs: number): ConcurrencySampling {
  const samples: number[] = [];
  mapping.stats.peakBatchesInFlight = mapping.stats.batchesInFlight;
  const timer = setInterval(() => samples.push(mapping.stats.batchesInFlight), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Promise.resolve({ samples, peak: mapping.stats.peakBatchesInFlight });
    },
  };
}

export function workerOf(stack: LocalStack, direction: SyncDirection): RunningEventSourceMapping {
  const mapping = stack.workers[direction];
  if (!mapping) throw new Error(`the ${direction} worker is not running`);
  return mapping;
}

/** The local stack running in this process. */
export function inProcessStack(stack: LocalStack): BenchStack {
  return {
    apiUrl: stack.apiUrl,
    resources: stack.resources,
    sqsEndpoint: stack.sqsEndpoint,
    dynamoDbEndpoint: stack.dynamoDbEndpoint,
    workerStats: (direction) => Promise.resolve({ ...workerOf(stack, direction).stats }),
    sampleConcurrency: (direction, everyMs) => Promise.resolve(sampleMapping(workerOf(stack, direction), everyMs)),
    usage: () => Promise.resolve(processUsage()),
    waitUntilIdle: (timeoutMs) => stack.waitUntilIdle(timeoutMs),
    runScheduled: (name) => stack.runScheduled(name),
    stop: () => stack.stop(),
  };
}
