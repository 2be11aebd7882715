import * as z from 'zod';
import { attioToPartneroWorker } from '../../shared/attio-to-partnero/attio-to-partnero-worker';
import { ENV } from '../../shared/config/environment-names';
import { httpUrl, readEnvironment } from '../../shared/config/read-environment';
import { budgetEnvironmentShape } from '../../shared/provider-budget/budget-environment';
import { syncWorkerHandler } from '../../shared/queue/sync-worker-handler';

const environment = readEnvironment(
  z.object({
    [ENV.syncTableName]: z.string().min(1),
    [ENV.attioToPartneroQueueUrl]: httpUrl,
    [ENV.attioToPartneroDeadLetterQueueUrl]: httpUrl,
    [ENV.attioApiUrl]: httpUrl,
    [ENV.partneroApiUrl]: httpUrl,
    ...budgetEnvironmentShape,
  }),
);

/** The Attio -> Partnero worker: a won deal pays its commission once, people update customers. */
export const handler = syncWorkerHandler('attio-to-partnero', environment, {
  queueUrl: environment[ENV.attioToPartneroQueueUrl],
  deadLetterQueueUrl: environment[ENV.attioToPartneroDeadLetterQueueUrl],
  // It only reads Attio, so its budget claims never hold Attio write tokens.
  attioAlongside: [],
  worker: attioToPartneroWorker,
});
