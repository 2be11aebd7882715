import { PermanentError } from '../errors';
import type { AttioSchemaCache } from '../attio/attio-schema-cache';
import type { ProgramContextLoader } from '../programs/program-context';
import { syncNotStartedReason } from '../programs/sync-readiness';
import type { RecordCircuitBreaker } from '../sync/circuit-breaker-guard';
import { isOwnWrite } from '../sync/echo-suppression';
import type { ProcessedEvent } from '../queue/queue-worker';
import type { SyncMessage } from '../queue/sync-message';
import { attioRecordEventSchema, mergedAwayRecordId, workClassOf, type AttioRecordEvent } from './attio-event';
import { partneroWritesThroughBreaker } from './circuit-breaker-writes';
import { syncDealCommission } from './deal-commission';
import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';
import { moveMergedRecords } from './merge-records';
import type { ObjectSlugCache } from '../attio/object-slug-cache';
import { syncPersonCustomer } from './person-customer';
import type { AttioReadPort, PartneroPort } from './ports';
import type { AttioEventBatch } from './record-batch';
import type { AttioSyncContext, ClaimStore, LinkStore } from './sync-context';
import type { SyncResult } from './sync-result';

export interface AttioMessageDependencies {
  readonly programs: Pick<ProgramContextLoader, 'load'>;
  readonly links: LinkStore;
  readonly claims: ClaimStore;
  readonly schemas: AttioSchemaCache;
  readonly objectSlugs: ObjectSlugCache;
  /**
   * Provider access with the program's decrypted credentials; never logged. The workspace and
   * the program name the budgets the calls are counted against (`shared/provider-budget/`).
   */
  readonly attioFor: (accessToken: string, workspaceId: string) => AttioReadPort;
  readonly partneroFor: (apiKey: string, programId: string) => PartneroPort;
  /** Asked before each Partnero write: a record written too often is not written again (an undetected loop). */
  readonly breaker?: RecordCircuitBreaker;
  readonly now?: () => Date;
}

/**
 * One queued Attio event through the sync, as the queue worker's `processMessage`:
 *
 *   parse ─▶ program + connection ─▶ object slug ─▶ our own actor? ──yes──▶ echo (no fetch, no Partnero call)
 *                                                     │ no
 *                                                     ▼
 *              once per (record, class) per batch: merges first, then deal -> commission | person -> customer
 *
 * Both echo checks, this actor one and the value one after the re-fetch, are the rule of
 * `shared/sync/echo-suppression.ts`.
 *
 * A refusal that retrying cannot fix is reported as `rejected` here, with the record it was
 * about, so its audit entry is found from the deal or the person.
 */
export async function processAttioMessage(
  message: SyncMessage,
  batch: AttioEventBatch,
  dependencies: AttioMessageDependencies,
): Promise<ProcessedEvent> {
  const parsed = attioRecordEventSchema.safeParse(message.event);
  if (!parsed.success)
    throw new PermanentError(
      'attio:malformed-event',
      `not an Attio record event: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  const event = parsed.data;
  let sourceRecord = `attio:${event.id.object_id}:${event.id.record_id}`;
  const describe = (result: SyncResult): ProcessedEvent => ({
    programId: message.programId,
    sourceEvent: event.event_type,
    sourceRecord,
    ...result,
  });

  try {
    const program = await dependencies.programs.load(message.programId);
    if (!program) throw new PermanentError('program:unknown', `program ${message.programId} is not registered`);
    const connection = program.attioConnection;
    if (!connection)
      throw new PermanentError('program:not-connected', `program ${message.programId} is not connected to Attio`);
    if (connection.workspaceId !== event.id.workspace_id)
      throw new PermanentError(
        'attio:other-workspace',
        `the event comes from Attio workspace ${event.id.workspace_id}, not the connected one`,
      );
    const notStarted = syncNotStartedReason(program.settings);
    if (notStarted) return describe({ outcome: 'skipped-by-settings', targetRecord: null, reason: notStarted });

    const attio = dependencies.attioFor(await program.attioAccessToken(), connection.workspaceId);
    const object = await dependencies.objectSlugs.slugOf(connection.workspaceId, event.id.object_id, (objectId) =>
      attio.objectSlug(objectId),
    );
    if (object) sourceRecord = `attio:${object}:${event.id.record_id}`;
    if (isOwnWrite(event.actor, connection.actor))
      return describe({
        outcome: 'echo',
        targetRecord: null,
        reason: 'written by this service (the event names our own Attio actor)',
      });

    const partnero = dependencies.partneroFor(await program.partneroApiKey(), message.programId);
    const context: AttioSyncContext = {
      programId: message.programId,
      workspaceId: connection.workspaceId,
      settings: program.settings.settings,
      attio,
      partnero: dependencies.breaker
        ? partneroWritesThroughBreaker(partnero, dependencies.breaker, message.programId, `attio:${event.id.record_id}`)
        : partnero,
      links: dependencies.links,
      claims: dependencies.claims,
      schemas: dependencies.schemas,
      batch,
      now: dependencies.now ?? (() => new Date()),
    };
    const mergedAway = mergedAwayRecordId(event);
    if (mergedAway) batch.noteMerge(message.programId, event.id.record_id, mergedAway);
    return describe(
      await batch.once(message.programId, event.id.record_id, workClassOf(event), message.deliveryKey, () =>
        syncRecord(context, event, object),
      ),
    );
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    return describe({ outcome: 'rejected', targetRecord: null, reason: error.message });
  }
}

async function syncRecord(
  context: AttioSyncContext,
  event: AttioRecordEvent,
  object: string | undefined,
): Promise<SyncResult> {
  const recordId = event.id.record_id;
  const workClass = workClassOf(event);
  // The batch's merges into this record go first, wherever their events sit in the batch.
  const notes =
    workClass === 'deletion'
      ? []
      : await moveMergedRecords(context, recordId, context.batch.mergedInto(context.programId, recordId));
  let result: SyncResult;
  if (workClass === 'merge')
    result = {
      outcome: 'noop',
      targetRecord: null,
      reason: 'a merge moves links and claims only; the merged record pays at its next change',
    };
  else if (object === DEAL_OBJECT) result = await syncDealCommission(context, recordId, workClass);
  else if (object === PEOPLE_OBJECT) result = await syncPersonCustomer(context, recordId, workClass);
  else
    result = {
      outcome: 'noop',
      targetRecord: null,
      reason: `${object ? `the ${object} object` : 'this object'} is not synced from Attio to Partnero`,
    };
  return notes.length > 0
    ? {
        ...result,
        outcome: result.outcome === 'noop' ? 'applied' : result.outcome,
        reason: `${notes.join('; ')}; ${result.reason}`,
      }
    : result;
}
