import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  isPartneroSyncedEvent,
  partneroWebhookDeliverySchema,
  partneroWebhookEnvelopeSchema,
  type PartneroWebhookEnvelope,
} from '../partnero/webhook-delivery-schema';
import type { DeliveryContext, QueueMessage } from '../webhooks/webhook-ingress';
import { sqsGroupId } from '../webhooks/webhook-ingress';
import { readPartneroEvent } from './partnero-event';

/**
 * What the Partnero route accepts: any well-formed envelope, and for the events the sync
 * understands, data of the documented shape. An event the sync does not use (a lead, a reward)
 * is accepted and dropped, so Partnero does not retry it for days.
 */
export const acceptedPartneroDeliverySchema: z.ZodType<PartneroWebhookEnvelope> = partneroWebhookEnvelopeSchema.superRefine((envelope, context) => {
  if (!isPartneroSyncedEvent(envelope.event)) return;
  const parsed = partneroWebhookDeliverySchema.safeParse(envelope);
  if (!parsed.success) for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/**
 * One queue message per synced delivery.
 *
 * - Group: one per (program, record), so the events of one partner, customer or sale are
 *   applied one at a time, in arrival order, while other records proceed in parallel.
 * - Delivery key (the idempotency key, also the SQS deduplication id): Partnero sends no event
 *   id, so it is the sha256 of the raw body, a retry being byte-identical. The program id is
 *   hashed in too, because the SQS queue and the idempotency table are shared by all programs.
 *
 * Partnero's own retries may still arrive after a newer event; the worker re-reads the record
 * from Partnero and guards on `updated_at`, so arrival order cannot leave an old state behind.
 */
export function partneroDeliveryMessages(envelope: PartneroWebhookEnvelope, context: DeliveryContext): QueueMessage[] {
  if (!isPartneroSyncedEvent(envelope.event)) return [];
  const delivery = partneroWebhookDeliverySchema.parse(envelope);
  const event = readPartneroEvent(delivery);
  const deliveryKey = partneroDeliveryKey(context.programId, context.rawBody);
  return [
    {
      groupId: sqsGroupId(context.programId, event.kind, event.partneroId),
      deduplicationId: deliveryKey,
      message: { programId: context.programId, source: 'partnero', deliveryKey, receivedAt: context.receivedAt, event: envelope },
    },
  ];
}

export function partneroDeliveryKey(programId: string, rawBody: string): string {
  return createHash('sha256').update(programId).update('\n').update(rawBody).digest('hex');
}
