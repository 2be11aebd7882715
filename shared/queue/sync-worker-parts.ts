import { createAttioClient, type AttioClient } from '../attio/attio-client';
import { ENV } from '../config/environment-names';
import { createPartneroClient, type PartneroClient } from '../partnero/partnero-client';
import { ProgramContextLoader, WORKER_PROGRAM_CACHE_MS } from '../programs/program-context';
import { ProgramRepository } from '../programs/program-repository';
import { budgetOptionsFrom } from '../provider-budget/budget-environment';
import type { AttioCallKind } from '../provider-budget/provider-limits';
import { workerBudgets } from '../provider-budget/worker-budgets';
import { tokenCipherFromEnvironment } from '../security/token-cipher';
import { syncTable, type SyncTable } from '../store/sync-table';
import { circuitBreakerPolicyFrom } from '../sync/circuit-breaker';
import { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import { CircuitBreakerRepository } from '../sync/circuit-breaker-repository';
import { LinkRepository } from '../sync/link-repository';
import type { SyncDirection } from './sync-queues';

/** The variables every sync worker reads besides its queues' URLs (and the token key, read by the cipher). */
export type SyncWorkerEnvironment = Readonly<
  Record<typeof ENV.syncTableName | typeof ENV.attioApiUrl | typeof ENV.partneroApiUrl, string>
> &
  Parameters<typeof budgetOptionsFrom>[0];

/** What both directions' message processing is given, the providers seen through the ports the direction reads them by. */
export interface SyncDependencies<AttioPort, PartneroPort> {
  /** Read at the events; a container reuses a program for WORKER_PROGRAM_CACHE_MS. */
  readonly programs: ProgramContextLoader;
  /** Provider access with the program's decrypted credentials, counted against the workspace's and the program's budgets. */
  readonly attioFor: (accessToken: string, workspaceId: string) => AttioPort;
  readonly partneroFor: (apiKey: string, programId: string) => PartneroPort;
  /** Asked before each write to the other side: a record written too often is not written again. */
  readonly breaker: RecordCircuitBreaker;
}

/** The container-wide parts a sync worker is built from (one per container, like the handler). */
export interface SyncWorkerParts {
  readonly table: SyncTable;
  readonly programRepository: ProgramRepository;
  readonly links: LinkRepository;
  /** The dependencies both directions' message processing share, through the direction's own ports to the providers. */
  syncDependencies<AttioPort, PartneroPort>(
    attioPortOf: (client: AttioClient) => AttioPort,
    partneroPortOf: (client: PartneroClient) => PartneroPort,
  ): SyncDependencies<AttioPort, PartneroPort>;
  /** Attio outside the budgets, for the few calls that are not the sync's own reads and writes (learning its own actor). */
  attioOutsideBudget(accessToken: string): AttioClient;
}

/**
 * Builds the parts both workers share: the table, the program loader, the links, the record
 * circuit breaker of the direction, and Attio and Partnero clients behind the provider budgets.
 * `attioAlongside` is what one Attio claim takes besides the kind asked for (`shared/provider-budget/`):
 * `['write']` for a worker that reads then writes Attio, nothing for one that only reads it.
 */
export function syncWorkerParts(
  direction: SyncDirection,
  environment: SyncWorkerEnvironment,
  attioAlongside: readonly AttioCallKind[],
): SyncWorkerParts {
  const table = syncTable(environment[ENV.syncTableName]);
  const programRepository = new ProgramRepository(table);
  const programs = new ProgramContextLoader(programRepository, tokenCipherFromEnvironment(), {
    cacheMs: WORKER_PROGRAM_CACHE_MS,
  });
  const breaker = new RecordCircuitBreaker(new CircuitBreakerRepository(table), circuitBreakerPolicyFrom(), direction);
  const budgets = workerBudgets(table, { attioAlongside, ...budgetOptionsFrom(environment) });
  const attioApiUrl = environment[ENV.attioApiUrl];
  const partneroApiUrl = environment[ENV.partneroApiUrl];
  return {
    table,
    programRepository,
    links: new LinkRepository(table),
    syncDependencies: (attioPortOf, partneroPortOf) => ({
      programs,
      attioFor: (accessToken, workspaceId) =>
        attioPortOf(
          createAttioClient({
            apiUrl: attioApiUrl,
            accessToken,
            beforeRequest: budgets.attioBeforeRequest(workspaceId),
          }),
        ),
      partneroFor: (apiKey, programId) =>
        partneroPortOf(
          createPartneroClient({
            apiUrl: partneroApiUrl,
            apiKey,
            beforeRequest: budgets.partneroBeforeRequest(programId),
          }),
        ),
      breaker,
    }),
    attioOutsideBudget: (accessToken) => createAttioClient({ apiUrl: attioApiUrl, accessToken }),
  };
}
