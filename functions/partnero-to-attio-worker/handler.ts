import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { OwnActorLearning } from '../../shared/connect/own-actor-learning';
import { logger } from '../../shared/observability/powertools';
import { partneroToAttioWorker } from '../../shared/partnero-to-attio/partnero-to-attio-worker';
import { syncWorkerHandler } from '../../shared/queue/sync-worker-handler';

const environment = readFunctionEnvironment();

/** Partnero -> Attio: applies queued Partnero partner, customer and transaction events to Attio. */
export const handler = syncWorkerHandler('partnero-to-attio', environment, {
  queueUrl: environment[ENV.partneroToAttioQueueUrl],
  deadLetterQueueUrl: environment[ENV.partneroToAttioDeadLetterQueueUrl],
  // It reads then writes Attio: one budget claim takes a block of each.
  attioAlongside: ['write'],
  worker: (parts) =>
    partneroToAttioWorker(
      parts,
      new OwnActorLearning({
        store: parts.programRepository,
        attioFor: parts.attioOutsideBudget,
        onError: (step, error) =>
          logger.warn('own Attio actor: step left for a later write', { step, reason: String(error) }),
      }),
    ),
});
