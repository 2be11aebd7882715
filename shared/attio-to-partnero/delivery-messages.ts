import type { QueueMessage } from '../queue/send-queue-messages';
import {
  deliveredName,
  describeIssues,
  type DeliveryContext,
  type DeliveryInterpretation,
  type DeliveryNote,
} from '../webhooks/delivery-interpretation';
import { recordRoute } from '../queue/sync-queues';
import { attioEventDeliveryKey } from './attio-event-deduplication';
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
 *   parked; the delivery's other events are still queued (a replay of the parked delivery queues
 *   them again, and the worker finds them applied).
 *
 * Queue message:
 * - Group: the program's lane of the record (`recordRoute`), so the burst of per-attribute `record.updated` events of
 *   one record is consumed in order, one batch at a time, and the worker coalesces it into one
 *   re-fetch. Both `record.merged` events of a merge name the new record, so they share its group.
 * - Delivery key (the SQS deduplication id): what the signature covers, the event as delivered, with
 *   the program and the window of its receipt (`attioEventDeliveryKey`). Never Attio's
 *   `Idempotency-Key`: that header is not signed, so a captured delivery replayed with a fresh key
 *   would be queued again. A replay, or a byte-identical event, inside the window is dropped by the
 *   queue; one after the window queues at most one re-fetch per event per window, and every action
 *   the worker takes is idempotent by itself. Real identical changes are not lost: the queue holds
 *   each message back for a window, so the one kept is read after the window has closed (the
 *   picture is in attio-event-deduplication.ts). An event repeated within one delivery is queued once.
 */
export function interpretAttioDelivery(
  body: unknown,
  context: DeliveryContext,
  /** W, the stage's `attioEventWindowSeconds`: never longer than the Attio -> Partnero queue's delivery delay. */
  eventWindowSeconds: number,
): DeliveryInterpretation {
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
    const deliveryKey = attioEventDeliveryKey(context.programId, candidate, context.receivedAt, eventWindowSeconds);
    if (messages.some((queued) => queued.deduplicationId === deliveryKey)) return;
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

/** `attio:<object id>:<record id>` when an event of an unexpected shape still names them, so its history entry is found from the record. */
function recordNamedBy(candidate: unknown): string | null {
  const id = (candidate as { id?: { object_id?: unknown; record_id?: unknown } }).id;
  if (typeof id?.object_id !== 'string' || typeof id.record_id !== 'string') return null;
  return `attio:${deliveredName(id.object_id, '?')}:${deliveredName(id.record_id, '?')}`;
}
