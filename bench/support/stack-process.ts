/**
 * The child process of `startStackInChildProcess`: the local stack and nothing else. Started
 * with the stack's options on its IPC channel, it answers the benchmark's requests (worker
 * statistics, concurrency samples, its own CPU use, idle waits) and stops when told to.
 */
import './quiet-powertools';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/local-stack';
import type { SyncDirection } from '../../shared/queue/sync-queues';
import { processUsage, sampleMapping, workerOf, type ConcurrencySampling } from './bench-stack';
import type { StackMessage, StackRequest } from './child-process-stack';

const send = (message: StackMessage, then: () => void = () => undefined) => process.send?.(message, then);
const samplings = new Map<SyncDirection, ConcurrencySampling>();

async function answer(stack: LocalStack, request: StackRequest): Promise<unknown> {
  switch (request.op) {
    case 'workerStats':
      return { ...workerOf(stack, request.direction).stats };
    case 'sampleConcurrency':
      samplings.set(request.direction, sampleMapping(workerOf(stack, request.direction), request.everyMs));
      return undefined;
    case 'stopSampling': {
      const sampling = samplings.get(request.direction);
      samplings.delete(request.direction);
      return sampling ? await sampling.stop() : { samples: [], peak: 0 };
    }
    case 'usage':
      return processUsage();
    case 'waitUntilIdle':
      return stack.waitUntilIdle(request.timeoutMs);
    case 'runScheduled':
      return stack.runScheduled(request.name);
    case 'stop':
      await stack.stop();
      return undefined;
  }
}

process.once('message', (first: { start: LocalStackOptions }) => {
  void startLocalStack(first.start).then(
    (stack) => {
      process.on('message', (message: { id: number; request: StackRequest }) => {
        void answer(stack, message.request).then(
          (value) => {
            // Stopped: nothing of the stack is left to keep the process alive, but a stray timer could.
            send({ id: message.id, value }, message.request.op === 'stop' ? () => process.exit(0) : undefined);
          },
          (error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
      });
      send({
        started: {
          apiUrl: stack.apiUrl,
          resources: stack.resources,
          sqsEndpoint: stack.sqsEndpoint,
          dynamoDbEndpoint: stack.dynamoDbEndpoint,
        },
      });
    },
    (error: unknown) => {
      send({ startFailed: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
    },
  );
});
