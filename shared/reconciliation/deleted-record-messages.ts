import type { SyncMessage } from '../queue/sync-message';
import { recordRoute } from '../queue/sync-queues';
import { sqsDeduplicationId, type QueueMessage } from '../queue/send-queue-messages';

export type DeletableKind = 'partner' | 'customer';

/** The event a live webhook brings when a partner or customer is deleted in Partnero. */
export function deletedEventOf(kind: DeletableKind): 'partner.deleted' | 'customer.deleted' {
  return kind === 'partner' ? 'partner.deleted' : 'customer.deleted';
}

/**
 * A `partner.deleted` / `customer.deleted` for a linked record Partnero no longer has. Partnero
 * answers nothing more about it, so the delivery carries what the worker reads of a deletion: the
 * identity, and as its version the moment the deletion was noticed (newer than anything applied,
 * so never taken for a stale delivery). The worker re-reads Partnero, finds the record gone and
 * marks the linked Attio record `deleted`. Same group and key scheme as the job's other repairs;
 * `sync_origin` is the field the backfill's messages use to say who sent them.
 */
export function recordDeletedMessage(
  programId: string,
  kind: DeletableKind,
  partneroId: string,
  runId: string,
  now: Date = new Date(),
): QueueMessage {
  const deliveryKey = `reconciliation:${programId}:${runId}:${kind}-deleted:${partneroId}`;
  const noticedAt = now.toISOString();
  const data =
    kind === 'partner'
      ? { id: partneroId, email: '', status: 'deleted', updated_at: noticedAt }
      : { key: partneroId, deleted: true, deleted_at: noticedAt, updated_at: noticedAt };
  const envelope = {
    event: deletedEventOf(kind),
    url: null,
    webhook_key: null,
    created_at: noticedAt,
    data,
    sync_origin: { source: 'reconciliation', runId, kind },
  };
  const route = recordRoute(programId, kind, partneroId);
  const message: SyncMessage = {
    programId,
    source: 'partnero',
    deliveryKey,
    receivedAt: noticedAt,
    recordKey: route.recordKey,
    event: envelope,
  };
  return { groupId: route.groupId, deduplicationId: sqsDeduplicationId(deliveryKey), message };
}
