import * as z from 'zod';
import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from '../partnero/resource-schemas';
import type { PartneroSyncedEvent } from '../partnero/webhook-delivery-schema';
import type { LinkedKind } from '../sync/link-repository';
import type { SyncMessage } from '../queue/sync-message';
import { recordRoute } from '../queue/sync-queues';
import { sqsDeduplicationId, type QueueMessage } from '../queue/send-queue-messages';

/** A Partnero record as a list page returned it. */
export type ListedRecord =
  | { readonly kind: 'partner'; readonly record: PartneroPartner }
  | { readonly kind: 'customer'; readonly record: PartneroCustomer }
  | { readonly kind: 'transaction'; readonly record: PartneroTransaction };

/** Who put a message on the queue besides a webhook, and in which run. */
export interface SyncOrigin {
  readonly source: 'backfill' | 'reconciliation';
  readonly runId: string;
  readonly kind: LinkedKind;
}

const ORIGIN_FIELD = 'sync_origin';
const syncOriginSchema = z.object({
  source: z.enum(['backfill', 'reconciliation']),
  runId: z.string().min(1),
  kind: z.enum(['partner', 'customer', 'transaction']),
});

/** The record's stable Partnero identity, as links and message groups name it. */
export function partneroIdOf(listed: ListedRecord): string {
  return listed.kind === 'partner' ? listed.record.id : listed.record.key;
}

/** The event a webhook would have carried for a record that exists: an upsert for people, the sale for a transaction. */
export function upsertEventOf(kind: LinkedKind): PartneroSyncedEvent {
  return kind === 'partner' ? 'partner.updated' : kind === 'customer' ? 'customer.updated' : 'transaction.created';
}

/**
 * The queue message for a record the sync should look at again: the Partnero delivery a webhook
 * would have brought, in the record's lane and under its record key (so it queues behind and ahead of that
 * record's live events, never beside them), applied by the same worker and rules. Its delivery
 * key is unique per run and record: a page sent twice after a crash is the same message, while
 * the next run's look at the record is a new one.
 */
export function partneroRecordMessage(
  programId: string,
  listed: ListedRecord,
  origin: Omit<SyncOrigin, 'kind'>,
  now: Date = new Date(),
): QueueMessage {
  const partneroId = partneroIdOf(listed);
  return partneroDelivery(programId, { kind: listed.kind, partneroId }, origin, now, {
    keyInRun: `${listed.kind}:${partneroId}`,
    event: upsertEventOf(listed.kind),
    data: listed.record,
  });
}

/** The origin of a message this module built; undefined for a webhook's. */
export function syncOriginOf(message: SyncMessage): SyncOrigin | undefined {
  return syncOriginOfDelivery(message.event);
}

/** The same, read off the delivery the worker parsed (the field rides beside Partnero's own). */
export function syncOriginOfDelivery(event: unknown): SyncOrigin | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const parsed = syncOriginSchema.safeParse((event as Record<string, unknown>)[ORIGIN_FIELD]);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A `transaction.deleted` for a sale Partnero no longer lists. Partnero answers nothing more about
 * it, so the delivery carries what the worker reads of a deletion: the key, and as its time the
 * moment the deletion was noticed (newer than the sale, so never taken for a stale delivery).
 * The amount and customer are placeholders the refund path does not read.
 */
export function saleDeletedMessage(
  programId: string,
  saleKey: string,
  origin: Omit<SyncOrigin, 'kind'>,
  now: Date = new Date(),
): QueueMessage {
  return partneroDelivery(programId, { kind: 'transaction', partneroId: saleKey }, origin, now, {
    keyInRun: `transaction-deleted:${saleKey}`,
    event: 'transaction.deleted',
    data: { key: saleKey, amount: 0, customer: '(no longer in Partnero)', deleted_at: now.toISOString() },
  });
}

/**
 * A `transaction.created` from reconciliation for a sale whose deal shows another commission
 * status than the sale has now (archived or restored in Partnero, which sends no webhook for
 * either). The worker reads the transaction itself, so the delivery carries only its key and time
 * (the amount and customer are placeholders it does not read); its origin tells the worker to
 * refresh the commission of a deal it already made instead of taking it for a repeated sale.
 */
export function saleCommissionMessage(
  programId: string,
  saleKey: string,
  createdAt: string | null,
  origin: Omit<SyncOrigin, 'kind'>,
  now: Date = new Date(),
): QueueMessage {
  return partneroDelivery(programId, { kind: 'transaction', partneroId: saleKey }, origin, now, {
    keyInRun: `transaction-commission:${saleKey}`,
    event: 'transaction.created',
    data: {
      key: saleKey,
      amount: 0,
      customer: '(read again from Partnero)',
      ...(createdAt ? { created_at: createdAt } : {}),
    },
  });
}

/**
 * The queue message of a delivery this module makes up: Partnero's envelope (no URL or webhook key,
 * as no webhook sent it) with the origin riding beside its fields, in the record's lane, under a
 * delivery key unique to the run (`keyInRun` names the record and, if need be, what it is for).
 */
function partneroDelivery(
  programId: string,
  record: { readonly kind: LinkedKind; readonly partneroId: string },
  origin: Omit<SyncOrigin, 'kind'>,
  now: Date,
  delivery: { readonly keyInRun: string; readonly event: string; readonly data: unknown },
): QueueMessage {
  const deliveryKey = `${origin.source}:${programId}:${origin.runId}:${delivery.keyInRun}`;
  const envelope = {
    event: delivery.event,
    url: null,
    webhook_key: null,
    created_at: now.toISOString(),
    data: delivery.data,
    [ORIGIN_FIELD]: { ...origin, kind: record.kind },
  };
  const route = recordRoute(programId, record.kind, record.partneroId);
  const message: SyncMessage = {
    programId,
    source: 'partnero',
    deliveryKey,
    receivedAt: now.toISOString(),
    recordKey: route.recordKey,
    event: envelope,
  };
  return { groupId: route.groupId, deduplicationId: sqsDeduplicationId(deliveryKey), message };
}
