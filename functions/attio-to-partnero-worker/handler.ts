import { attioToPartneroWorker } from '../../shared/attio-to-partnero/attio-to-partnero-worker';
import { ENV } from '../../shared/config/environment-names';
import { readFunctionEnvironment } from '../../shared/config/function-environment';
import { syncWorkerHandler } from '../../shared/queue/sync-worker-handler';

const environment = readFunctionEnvironment();

/** The Attio -> Partnero worker: a won deal pays its commission once, people update customers. */
export const handler = syncWorkerHandler('attio-to-partnero', environment, {
  queueUrl: environment[ENV.attioToPartneroQueueUrl],
  deadLetterQueueUrl: environment[ENV.attioToPartneroDeadLetterQueueUrl],
  // It only reads Attio, so its budget claims never hold Attio write tokens.
  attioAlongside: [],
  worker: attioToPartneroWorker,
});
