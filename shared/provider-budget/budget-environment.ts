import * as z from 'zod';
import { ENV } from '../config/environment-names';
import type { WorkerBudgetOptions } from './worker-budgets';

const perSecond = z.coerce.number().int().min(1).max(10_000).optional();

/** The optional variables a queue worker reads for its budgets; unset means the documented limits. */
export const budgetEnvironmentShape = {
  [ENV.attioWritesPerSecond]: perSecond,
  [ENV.attioReadsPerSecond]: perSecond,
  [ENV.partneroRequestsPerSecond]: perSecond,
};

type BudgetEnvironment = z.infer<z.ZodObject<typeof budgetEnvironmentShape>>;

export function budgetOptionsFrom(environment: BudgetEnvironment): Pick<WorkerBudgetOptions, 'attioPerSecond' | 'partneroPerSecond'> {
  return {
    attioPerSecond: { write: environment[ENV.attioWritesPerSecond], read: environment[ENV.attioReadsPerSecond] },
    partneroPerSecond: environment[ENV.partneroRequestsPerSecond],
  };
}
