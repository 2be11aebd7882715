import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { SqsHandler } from '../../../local/event-source-mapping';
import type { SeededRandom } from './seeded-random';

export interface KillFigures {
  invocations: number;
  killed: number;
}

/** Thrown where a real worker would have died: the whole batch comes back after its visibility timeout. */
export class WorkerKilledError extends Error {
  override readonly name = 'WorkerKilledError';
}

/**
 * A worker that sometimes dies mid-batch: it handles the first part of the batch for real (those
 * events are written, their audit entries too) and then dies before answering, so
 * the event source mapping deletes nothing and every message of the batch is received again.
 */
export function killingHandler(
  real: SqsHandler,
  random: SeededRandom,
  probability: number,
  figures: KillFigures,
): SqsHandler {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse | void> => {
    figures.invocations += 1;
    if (!random.chance(probability)) return real(event, context);
    figures.killed += 1;
    const survivors = random.int(0, Math.max(0, event.Records.length - 1));
    if (survivors > 0) await real({ Records: event.Records.slice(0, survivors) }, context);
    throw new WorkerKilledError(`worker killed after ${survivors} of ${event.Records.length} messages`);
  };
}
