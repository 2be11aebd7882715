import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { DeliveryContext, QueueMessage } from '../webhooks/webhook-ingress';
import { sqsGroupId } from '../webhooks/webhook-ingress';
import { attioDeliveryEnvelopeSchema, attioRecordEventSchema, isRecordEventType, type AttioDeliveryEnvelope } from './attio-event';

/**
 * What the Attio route accepts: any well-formed delivery, and for record events the documented
 * shape. Events the sync does not use are accepted and dropped, so Attio does not retry them
 * for three days and mark the webhook degraded.
 */
export const acceptedAttioDeliverySchema: z.ZodType<AttioDeliveryEnvelope> = attioDeliveryEnvelopeSchema.superRefine((delivery, context) => {
  delivery.events.forEach((event, index) => {
    if (!isRecordEventType(event.event_type)) return;
    const parsed = attioRecordEventSchema.safeParse(event);
    if (!parsed.success) for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: ['events', index, ...issue.path], message: issue.message });
  });
});

const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * One queue message per record event of the delivery (Attio may batch several).
 *
 * - Group: one per (program, record), so the burst of per-attribute `record.updated` events of
 *   one record is consumed in order, one batch at a time, and the worker coalesces it into one
 *   re-fetch. Both `record.merged` events of a merge name the new record, so they share its group.
 * - Delivery key (idempotency key and SQS deduplication id): Attio's `Idempotency-Key`, the same
 *   across its retries, plus the event's index in the delivery, plus the program (the queue and
 *   the idempotency table are shared by all programs).
 *
 * Without the header (Attio always sends it) the key is unique per request: event bodies carry no
 * time, so two real changes of one attribute can be byte-identical and must not be deduplicated.
 * A duplicate then only costs a re-fetch: every action the worker takes is idempotent by itself.
 */
export function attioDeliveryMessages(delivery: AttioDeliveryEnvelope, context: DeliveryContext): QueueMessage[] {
  const idempotencyKey = context.headers[IDEMPOTENCY_HEADER]?.trim() || `no-idempotency-key-${randomUUID()}`;
  const messages: QueueMessage[] = [];
  delivery.events.forEach((candidate, index) => {
    if (!isRecordEventType(candidate.event_type)) return;
    const event = attioRecordEventSchema.parse(candidate);
    const deliveryKey = attioDeliveryKey(context.programId, idempotencyKey, index);
    messages.push({
      groupId: sqsGroupId(context.programId, event.id.record_id),
      deduplicationId: deliveryKey,
      message: { programId: context.programId, source: 'attio', deliveryKey, receivedAt: context.receivedAt, event },
    });
  });
  return messages;
}

export function attioDeliveryKey(programId: string, idempotencyKey: string, eventIndex: number): string {
  return `attio:${programId}:${idempotencyKey}:${eventIndex}`;
}
