import type * as z from 'zod';
import type { budgetEnvironmentShape } from '../config/function-environment';
import { ENV } from '../config/environment-names';
import type { WorkerBudgetOptions } from './worker-budgets';

type BudgetEnvironment = z.infer<z.ZodObject<typeof budgetEnvironmentShape>>;

export function budgetOptionsFrom(
  environment: BudgetEnvironment,
): Pick<WorkerBudgetOptions, 'attioPerSecond' | 'partneroPerSecond'> {
  return {
    attioPerSecond: { write: environment[ENV.attioWritesPerSecond], read: environment[ENV.attioReadsPerSecond] },
    partneroPerSecond: environment[ENV.partneroRequestsPerSecond],
  };
}
