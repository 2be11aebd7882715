import type { SyncMessage } from '../queue/sync-message';
import { recordRoute } from '../queue/sync-queues';
import { sqsDeduplicationId, type QueueMessage } from '../queue/send-queue-messages';

export interface DealEventTarget {
  readonly workspaceId: string;
  /** The deals object's id: events name objects by id. */
  readonly dealsObjectId: string;
  /** The stage attribute's id: a `record.updated` names the attribute that changed. */
  readonly stageAttributeId: string;
}

/**
 * The Attio event a webhook would have brought for a deal: `record.updated` of its stage, or
 * `record.deleted` for a deal that is gone. Events carry ids only and the worker re-fetches the
 * deal, so the message says nothing the worker would trust over Attio. The actor is `system`
 * (id null): never taken for our own write. It joins the deal's lane under the deal's record
 * key, behind any of its live events still queued.
 */
export function dealEventMessage(
  programId: string,
  dealRecordId: string,
  deleted: boolean,
  target: DealEventTarget,
  runId: string,
  now: Date = new Date(),
): QueueMessage {
  const deliveryKey = `reconciliation:${programId}:${runId}:deal:${dealRecordId}`;
  const ids = { workspace_id: target.workspaceId, object_id: target.dealsObjectId, record_id: dealRecordId };
  const event = deleted
    ? { event_type: 'record.deleted', id: ids, actor: { type: 'system', id: null } }
    : {
        event_type: 'record.updated',
        id: { ...ids, attribute_id: target.stageAttributeId },
        actor: { type: 'system', id: null },
      };
  const route = recordRoute(programId, dealRecordId);
  const message: SyncMessage = {
    programId,
    source: 'attio',
    deliveryKey,
    receivedAt: now.toISOString(),
    recordKey: route.recordKey,
    event,
  };
  return { groupId: route.groupId, deduplicationId: sqsDeduplicationId(deliveryKey), message };
}
