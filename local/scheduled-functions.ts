import type { Context } from 'aws-lambda';
import type { ScheduledFunctionDefinition } from '../functions/catalog';
import { lambdaContext } from './event-source-mapping';

export type ScheduledHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface RunningSchedules {
  /** Invokes a scheduled function once, now, as EventBridge would; resolves with what it returned. */
  run(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * The local stand-in for EventBridge rules: each scheduled function of the catalog, invocable on
 * demand, and with `timers` on also every `localEverySeconds`. A tick while the previous one of
 * the same function still runs is skipped, as a Lambda whose run outlasts its rate would overlap
 * in AWS and these jobs guard against that anyway (leases, idempotent enqueues).
 */
export function startScheduledFunctions(
  definitions: readonly { definition: ScheduledFunctionDefinition; handler: ScheduledHandler }[],
  timers: boolean,
): RunningSchedules {
  const running = new Map<string, Promise<unknown>>();
  const intervals: NodeJS.Timeout[] = [];

  function run(name: string): Promise<unknown> {
    const entry = definitions.find((candidate) => candidate.definition.name === name);
    if (!entry) return Promise.reject(new Error(`no scheduled function ${name} in the catalog`));
    const timeoutMs = (entry.definition.needs.timeoutSeconds ?? 60) * 1000;
    const invocation = entry.handler(
      { source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date().toISOString(), detail: {} },
      lambdaContext(name, timeoutMs),
    );
    running.set(name, invocation);
    const clear = () => {
      if (running.get(name) === invocation) running.delete(name);
    };
    invocation.then(clear, clear);
    return invocation;
  }

  if (timers) {
    for (const { definition } of definitions) {
      const interval = setInterval(() => {
        if (running.has(definition.name)) return;
        run(definition.name).catch((error: unknown) =>
          console.error(`${definition.name}: scheduled run failed`, error),
        );
      }, definition.localEverySeconds * 1000);
      interval.unref();
      intervals.push(interval);
    }
  }

  return {
    run,
    async stop() {
      for (const interval of intervals) clearInterval(interval);
      await Promise.allSettled([...running.values()]);
    },
  };
}
