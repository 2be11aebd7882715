import { PermanentError } from '../errors';
import { partneroWebhookDeliverySchema } from '../partnero/webhook-delivery-schema';
import type { ProgramContextLoader } from '../programs/program-context';
import { DEALS_TURNED_OFF, dealsTurnedOff, syncNotStartedReason } from '../programs/sync-readiness';
import type { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import type { ProcessedEvent } from '../queue/queue-worker';
import type { SyncMessage } from '../queue/sync-message';
import type { PartneroToAttioSync } from './apply-partnero-event';
import { attioWritesThroughBreaker } from './circuit-breaker-writes';
import { attioWritesObserved, type WriteObservers } from './own-actor-writes';
import { readPartneroEvent, type PartneroEvent } from './partnero-event';
import type { AttioRecordsPort } from '../attio/attio-records';
import type { PartneroRecordsPort } from './ports';

export interface PartneroMessageDependencies {
  readonly programs: Pick<ProgramContextLoader, 'load'>;
  readonly sync: PartneroToAttioSync;
  /**
   * Provider access with the program's decrypted credentials; never logged. The workspace and
   * the program name the budgets the calls are counted against (`shared/provider-budget/`).
   */
  readonly attioFor: (accessToken: string, workspaceId: string) => AttioRecordsPort;
  readonly partneroFor: (apiKey: string, programId: string) => PartneroRecordsPort;
  /** Asked before each Attio write: a record written too often is not written again (an undetected loop). */
  readonly breaker?: RecordCircuitBreaker;
  /** Shown each successful Attio write: the service learns its own Attio actor from the first (`shared/connect/own-actor-learning.ts`). */
  readonly ownActor?: WriteObservers;
}

/**
 * One queued Partnero delivery through the sync, as the queue worker's `processMessage`.
 * A refusal that retrying cannot fix is reported as `rejected` here, with the record it was
 * about, so the audit entry can be found from the partner, customer or sale.
 */
export async function processPartneroMessage(
  message: SyncMessage,
  dependencies: PartneroMessageDependencies,
): Promise<ProcessedEvent> {
  const delivery = partneroWebhookDeliverySchema.safeParse(message.event);
  if (!delivery.success)
    throw new PermanentError(
      'partnero:malformed-event',
      `not a Partnero event the sync understands: ${delivery.error.issues[0]?.message ?? 'invalid'}`,
    );
  const event = readPartneroEvent(delivery.data);
  const source = { programId: message.programId, ...describeEvent(event) };
  const { breaker } = dependencies;
  const guarded = (port: AttioRecordsPort) =>
    breaker ? attioWritesThroughBreaker(port, breaker, message.programId, source.sourceRecord) : port;

  try {
    const context = await dependencies.programs.load(message.programId);
    if (!context) throw new PermanentError('program:unknown', `program ${message.programId} is not registered`);
    const connection = context.attioConnection;
    const notStarted = syncNotStartedReason(context.settings);
    if (notStarted)
      return { ...source, targetRecord: null, outcome: 'skipped-by-settings', reason: `${event.name}: ${notStarted}` };
    if (event.kind === 'transaction' && context.settings.settings.deals.enabled && dealsTurnedOff(connection)) {
      return {
        ...source,
        targetRecord: null,
        outcome: 'skipped-by-settings',
        reason: `${event.name}: ${DEALS_TURNED_OFF}`,
      };
    }
    const result = await dependencies.sync.apply(
      {
        programId: message.programId,
        settings: context.settings.settings,
        attio: connection
          ? {
              workspaceId: connection.workspaceId,
              authorizedByWorkspaceMemberId: connection.authorizedByWorkspaceMemberId,
            }
          : undefined,
      },
      event,
      {
        attio: async () => {
          const accessToken = await context.attioAccessToken();
          return attioWritesObserved(
            guarded(dependencies.attioFor(accessToken, connection?.workspaceId ?? message.programId)),
            dependencies.ownActor?.forProgram(context),
          );
        },
        partnero: async () => dependencies.partneroFor(await context.partneroApiKey(), message.programId),
      },
    );
    return { ...source, ...result };
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    return { ...source, targetRecord: null, outcome: 'rejected', reason: error.message };
  }
}

/** The audit names of a queued Partnero event: `partner.updated` about `partner:<id>`; undefined when it is not one. */
export function describePartneroMessage(
  message: SyncMessage,
): Pick<ProcessedEvent, 'sourceEvent' | 'sourceRecord'> | undefined {
  const delivery = partneroWebhookDeliverySchema.safeParse(message.event);
  return delivery.success ? describeEvent(readPartneroEvent(delivery.data)) : undefined;
}

function describeEvent(event: PartneroEvent): Pick<ProcessedEvent, 'sourceEvent' | 'sourceRecord'> {
  return { sourceEvent: event.name, sourceRecord: `${event.kind}:${event.partneroId}` };
}
