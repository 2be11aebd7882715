import { createHash } from 'node:crypto';
import { deliveredName, describeIssues, type DeliveryContext, type DeliveryInterpretation, type DeliveryNote, type QueueMessage } from '../webhooks/delivery-interpretation';
import { sqsGroupId } from '../webhooks/enqueue-messages';
import { attioDeliveryEnvelopeSchema, attioEventTypeSchema, attioRecordEventSchema, isDocumentedEventType, isRecordEventType } from './attio-event';

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
 * - Group: one per (program, record), so the burst of per-attribute `record.updated` events of
 *   one record is consumed in order, one batch at a time, and the worker coalesces it into one
 *   re-fetch. Both `record.merged` events of a merge name the new record, so they share its group.
 * - Delivery key (idempotency key and SQS deduplication id): what the signature covers, the
 *   SHA-256 of the raw body, plus the replay window it arrived in, the event's index in the delivery
 *   and the program (the queue and the idempotency table are shared by all programs).
 *
 * Why not Attio's `Idempotency-Key` header: it is not signed, so a captured delivery replayed with a
 * fresh key was queued again, as often as the attacker liked. Why a window and not the hash alone:
 * event bodies carry no time, so every change of one attribute by one actor is byte-identical; a key
 * of the hash alone would drop every later real change of it for the idempotency table's 7 days.
 *
 *   same signed body ── within one REPLAY_WINDOW_SECONDS window ──▶ one message (replays, retries dropped)
 *                    ── in a later window ──────────────────────────▶ queued again (one re-fetch)
 *
 * So a replay costs at most one re-fetch per window, and every action the worker takes is idempotent
 * by itself. The price: a second real change of the same attribute by the same actor in the same
 * window, made after the worker already re-fetched the first, waits for the reconciliation run.
 */
export function interpretAttioDelivery(body: unknown, context: DeliveryContext): DeliveryInterpretation {
  const envelope = attioDeliveryEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    return { messages: [], ignored: [], unreadable: [{ sourceEvent: '(no events)', sourceRecord: null, reason: `not an Attio webhook delivery (${describeIssues(envelope.error)})` }] };
  }
  const signedBody = signedBodyKey(context.rawBody, context.receivedAt);
  const messages: QueueMessage[] = [];
  const ignored: DeliveryNote[] = [];
  const unreadable: DeliveryNote[] = [];
  envelope.data.events.forEach((candidate, index) => {
    const typed = attioEventTypeSchema.safeParse(candidate);
    if (!typed.success) {
      unreadable.push({ sourceEvent: '(no event type)', sourceRecord: null, reason: `event ${index} names no event type (${describeIssues(typed.error)})` });
      return;
    }
    const eventType = deliveredName(typed.data.event_type, '(no event type)');
    if (!isRecordEventType(typed.data.event_type)) {
      if (isDocumentedEventType(typed.data.event_type)) ignored.push({ sourceEvent: eventType, sourceRecord: null, reason: `Attio event ${eventType} is not one the sync uses` });
      else unreadable.push({ sourceEvent: eventType, sourceRecord: null, reason: `unknown Attio event type ${eventType}` });
      return;
    }
    const event = attioRecordEventSchema.safeParse(candidate);
    if (!event.success) {
      unreadable.push({ sourceEvent: eventType, sourceRecord: recordNamedBy(candidate), reason: `event ${index} is not of the documented shape (${describeIssues(event.error)})` });
      return;
    }
    const deliveryKey = attioDeliveryKey(context.programId, signedBody, index);
    messages.push({
      groupId: sqsGroupId(context.programId, event.data.id.record_id),
      deduplicationId: deliveryKey,
      message: { programId: context.programId, source: 'attio', deliveryKey, receivedAt: context.receivedAt, event: candidate },
    });
  });
  return { messages, ignored, unreadable };
}

/** Long enough to absorb Attio's quick retries and any burst of replays; short enough that a real repeat edit is rarely inside it. */
export const REPLAY_WINDOW_SECONDS = 60;

/** `<first 128 bits of the body's SHA-256>@<start of its replay window, epoch seconds>`. */
export function signedBodyKey(rawBody: string, receivedAt: string): string {
  const digest = createHash('sha256').update(rawBody, 'utf8').digest('hex').slice(0, 32);
  const receivedSeconds = Math.floor(Date.parse(receivedAt) / 1000);
  return `${digest}@${receivedSeconds - (receivedSeconds % REPLAY_WINDOW_SECONDS)}`;
}

export function attioDeliveryKey(programId: string, signedBody: string, eventIndex: number): string {
  return `attio:${programId}:${signedBody}:${eventIndex}`;
}

/** `attio:<object id>:<record id>` when an event of an unexpected shape still names them, so its history entry is found from the record. */
function recordNamedBy(candidate: unknown): string | null {
  const id = (candidate as { id?: { object_id?: unknown; record_id?: unknown } }).id;
  if (typeof id?.object_id !== 'string' || typeof id.record_id !== 'string') return null;
  return `attio:${deliveredName(id.object_id, '?')}:${deliveredName(id.record_id, '?')}`;
}
