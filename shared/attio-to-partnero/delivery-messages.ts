import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER } from '../webhooks/delivery-settlement';
import type { QueueMessage } from '../queue/send-queue-messages';
import {
  deliveredName,
  describeIssues,
  type DeliveryContext,
  type DeliveryInterpretation,
  type DeliveryNote,
} from '../webhooks/delivery-interpretation';
import { recordRoute } from '../queue/sync-queues';
import {
  attioDeliveryEnvelopeSchema,
  attioEventTypeSchema,
  attioRecordEventSchema,
  isDocumentedEventType,
  isRecordEventType,
} from './attio-event';

/**
 * What a signed Attio delivery asks of the sync, event by event (Attio may batch several):
 *
 * - a record event of the documented shape: one queue message;
 * - any other documented event type (notes, tasks, lists): ignored;
 * - an unknown event type, or a record event of another shape: unreadable, so the delivery is
 *   parked; the delivery's other events are still queued (a replay queues them again under the
 *   same delivery keys, which the worker recognises).
 *
 * Queue message:
 * - Group: the program's lane of the record (`recordRoute`), so the burst of per-attribute `record.updated` events of
 *   one record is consumed in order, one batch at a time, and the worker coalesces it into one
 *   re-fetch. Both `record.merged` events of a merge name the new record, so they share its group.
 * - Delivery key (the SQS deduplication id): Attio's `Idempotency-Key`, the same
 *   across its retries, plus the event's index in the delivery, plus the program (the queue is
 *   shared by all programs).
 *
 * Without the header (Attio always sends it) the key is unique per request: event bodies carry no
 * time, so two real changes of one attribute can be byte-identical and must not be deduplicated.
 * A duplicate then only costs a re-fetch: every action the worker takes is idempotent by itself.
 */
export function interpretAttioDelivery(body: unknown, context: DeliveryContext): DeliveryInterpretation {
  const envelope = attioDeliveryEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    return {
      messages: [],
      ignored: [],
      unreadable: [
        {
          sourceEvent: '(no events)',
          sourceRecord: null,
          reason: `not an Attio webhook delivery (${describeIssues(envelope.error)})`,
        },
      ],
    };
  }
  const idempotencyKey = context.headers[IDEMPOTENCY_HEADER]?.trim() || `no-idempotency-key-${randomUUID()}`;
  const messages: QueueMessage[] = [];
  const ignored: DeliveryNote[] = [];
  const unreadable: DeliveryNote[] = [];
  envelope.data.events.forEach((candidate, index) => {
    const typed = attioEventTypeSchema.safeParse(candidate);
    if (!typed.success) {
      unreadable.push({
        sourceEvent: '(no event type)',
        sourceRecord: null,
        reason: `event ${index} names no event type (${describeIssues(typed.error)})`,
      });
      return;
    }
    const eventType = deliveredName(typed.data.event_type, '(no event type)');
    if (!isRecordEventType(typed.data.event_type)) {
      if (isDocumentedEventType(typed.data.event_type))
        ignored.push({
          sourceEvent: eventType,
          sourceRecord: null,
          reason: `Attio event ${eventType} is not one the sync uses`,
        });
      else
        unreadable.push({
          sourceEvent: eventType,
          sourceRecord: null,
          reason: `unknown Attio event type ${eventType}`,
        });
      return;
    }
    const event = attioRecordEventSchema.safeParse(candidate);
    if (!event.success) {
      unreadable.push({
        sourceEvent: eventType,
        sourceRecord: recordNamedBy(candidate),
        reason: `event ${index} is not of the documented shape (${describeIssues(event.error)})`,
      });
      return;
    }
    const deliveryKey = attioDeliveryKey(context.programId, idempotencyKey, index);
    const route = recordRoute(context.programId, event.data.id.record_id);
    messages.push({
      groupId: route.groupId,
      deduplicationId: deliveryKey,
      message: {
        programId: context.programId,
        source: 'attio',
        deliveryKey,
        receivedAt: context.receivedAt,
        recordKey: route.recordKey,
        event: candidate,
      },
    });
  });
  return { messages, ignored, unreadable };
}

export function attioDeliveryKey(programId: string, idempotencyKey: string, eventIndex: number): string {
  return `attio:${programId}:${idempotencyKey}:${eventIndex}`;
}

/** `attio:<object id>:<record id>` when an event of an unexpected shape still names them, so its history entry is found from the record. */
function recordNamedBy(candidate: unknown): string | null {
  const id = (candidate as { id?: { object_id?: unknown; record_id?: unknown } }).id;
  if (typeof id?.object_id !== 'string' || typeof id.record_id !== 'string') return null;
  return `attio:${deliveredName(id.object_id, '?')}:${deliveredName(id.record_id, '?')}`;
}
