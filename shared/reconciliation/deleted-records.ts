import { attioRecordsOf } from '../attio/attio-records';
import type { ProgramContext } from '../programs/program-context';
import type { QueueMessage } from '../queue/send-queue-messages';
import { deletedEventOf, recordDeletedMessage, type DeletableKind } from './deleted-record-messages';
import { deletionDrift } from './deletion-drift';
import { linksOf } from './program-directory';
import type { ReconciliationPass } from './reconcile-program';
import { auditRepairs, skip, type ReconciliationRun } from './reconciliation-run';

/**
 * Partners and customers deleted in Partnero while their webhook was lost: linked, no longer
 * listed, and their Attio record not marked `deleted`. Only kinds whose every page was read this
 * run are looked at (a record on an unread page is not gone). It costs one Attio read per such
 * link and run, and nothing for links whose record Partnero still lists.
 */
export async function reconcileDeletions({
  deps,
  context,
  attio,
  run,
  deadline,
  read,
}: ReconciliationPass<ReconciliationRun>): Promise<void> {
  const workspaceId = (context.attioConnection as NonNullable<ProgramContext['attioConnection']>).workspaceId;
  const schemaReader = attioRecordsOf(attio);
  for (const [kind, listed] of run.listedIds) {
    const messages: QueueMessage[] = [];
    for (const link of (await linksOf(deps.table, run.programId, kind)).filter(
      (candidate) => !listed.has(candidate.partneroId),
    )) {
      if (Date.now() >= deadline) {
        run.complete = false;
        break;
      }
      try {
        const schema = await read(() => deps.schemas.objectSchema(workspaceId, link.attioObject, schemaReader));
        const record = await read(() => attio.records.get(link.attioObject, link.attioRecordId));
        const drift = deletionDrift(kind, record, schema);
        if (drift) messages.push(deletionRepair(run, kind, link.partneroId, drift));
      } catch (error) {
        skip(run, `${kind}:${link.partneroId}`, error);
      }
    }
    await deps.sendToPartneroQueue(messages);
    await auditRepairs(deps, run, run.repairs.slice(run.repairs.length - messages.length));
  }
}

function deletionRepair(run: ReconciliationRun, kind: DeletableKind, partneroId: string, drift: string): QueueMessage {
  run.repairs.push({ record: `${kind}:${partneroId}`, event: deletedEventOf(kind), reason: drift });
  return recordDeletedMessage(run.programId, kind, partneroId, run.runId);
}
