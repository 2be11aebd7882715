import * as z from 'zod';
import { partneroId } from './resource-schemas';

/**
 * What Partnero POSTs to a webhook URL: `{event, url, webhook_key, created_at, data}`, signed in
 * the `Signature` header (reference §5; docs.partnero.com webhooks/overview; n8n README).
 *
 * The only documented `data` is partner.created's `{id, email, name, surname, created_at}`. The
 * customer, transaction and deletion payloads are not documented at all, and the n8n README only
 * says a transaction's `data.partner` is the partner id. So a delivery is read for the one thing
 * every reading agrees on, the record it names (partner `id`, customer `key`, transaction `key`),
 * plus the timestamps it may carry for the stale-version guard. Everything else is read from the
 * API by the worker, which re-reads every record anyway; a deletion, whose record no longer
 * reads, is applied to the link from the identifier alone.
 */

export const partneroPartnerEvents = [
  'partner.created',
  'partner.updated',
  'partner.approved',
  'partner.rejected',
  'partner.archived',
  'partner.deleted',
] as const;
export const partneroCustomerEvents = ['customer.created', 'customer.updated', 'customer.deleted'] as const;
export const partneroTransactionEvents = ['transaction.created', 'transaction.deleted'] as const;

/** The events the sync subscribes to and understands. */
export const partneroSyncedEvents = [
  ...partneroPartnerEvents,
  ...partneroCustomerEvents,
  ...partneroTransactionEvents,
] as const;
export type PartneroSyncedEvent = (typeof partneroSyncedEvents)[number];

/**
 * Events some source documents that the sync has no use for (reference §5, "Events"): acknowledged
 * and recorded as ignored, never parked. `transaction.updated` (guide only) is among them: a sale
 * never changes in the sync's model, and its refund is `transaction.deleted`.
 */
export const partneroIgnoredEvents = [
  'transaction.updated',
  'reward.created',
  'reward.approved',
  'reward.paid',
  'customer.credited',
  'customer.rewarded',
  'lead.submitted',
  'lead.converted',
  'lead.rejected',
  'subscriber.created',
  'subscriber.updated',
  'subscriber.deleted',
  'subscriber.rewarded',
] as const;

/** A timestamp the delivery may carry; anything that is not a string reads as absent rather than refusing the delivery. */
const optionalTimestamp = z.string().nullish().catch(null);

const envelopeFields = {
  // Never read by the sync: a surprising value here must not refuse a delivery that names its record.
  url: z.unknown().optional(),
  webhook_key: z.unknown().optional(),
  created_at: z.unknown().optional(),
};

/** Any delivery, whatever its event (leads, rewards, …): enough to recognise it. */
export const partneroWebhookEnvelopeSchema = z.looseObject({
  event: z.string().min(1),
  ...envelopeFields,
  data: z.unknown(),
});

/** Partner events name the partner by `data.id` (the documented partner.created payload). */
export const partneroPartnerDeliveryDataSchema = z.looseObject({
  id: partneroId,
  updated_at: optionalTimestamp,
  created_at: optionalTimestamp,
});

/** Customer and transaction events name their record by `data.key`, the identity the REST API uses. */
export const partneroCustomerDeliveryDataSchema = z.looseObject({
  key: partneroId,
  updated_at: optionalTimestamp,
  deleted_at: optionalTimestamp,
});
export const partneroTransactionDeliveryDataSchema = z.looseObject({
  key: partneroId,
  created_at: optionalTimestamp,
  deleted_at: optionalTimestamp,
});

export const partneroWebhookDeliverySchema = z.discriminatedUnion('event', [
  z.looseObject({ event: z.enum(partneroPartnerEvents), ...envelopeFields, data: partneroPartnerDeliveryDataSchema }),
  z.looseObject({ event: z.enum(partneroCustomerEvents), ...envelopeFields, data: partneroCustomerDeliveryDataSchema }),
  z.looseObject({
    event: z.enum(partneroTransactionEvents),
    ...envelopeFields,
    data: partneroTransactionDeliveryDataSchema,
  }),
]);
export type PartneroWebhookDelivery = z.infer<typeof partneroWebhookDeliverySchema>;

export function isPartneroSyncedEvent(event: string): event is PartneroSyncedEvent {
  return (partneroSyncedEvents as readonly string[]).includes(event);
}

export function isPartneroIgnoredEvent(event: string): boolean {
  return (partneroIgnoredEvents as readonly string[]).includes(event);
}
