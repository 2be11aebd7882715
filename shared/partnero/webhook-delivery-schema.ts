import { z } from 'zod';
import { partneroCustomerSchema, partneroPartnerSchema, partneroTransactionSchema } from './resource-schemas';

/**
 * What Partnero POSTs to a webhook URL: `{event, url, webhook_key, created_at, data}`, signed in
 * the `Signature` header. The docs show `data` only for partner events; customer and transaction
 * events are assumed to carry the REST resource shapes (reference §5, "[inferred]").
 */

export const partneroPartnerEvents = ['partner.created', 'partner.updated', 'partner.approved', 'partner.rejected', 'partner.archived', 'partner.deleted'] as const;
export const partneroCustomerEvents = ['customer.created', 'customer.updated', 'customer.deleted'] as const;
export const partneroTransactionEvents = ['transaction.created', 'transaction.deleted'] as const;

/** The events the sync subscribes to and understands. */
export const partneroSyncedEvents = [...partneroPartnerEvents, ...partneroCustomerEvents, ...partneroTransactionEvents] as const;
export type PartneroSyncedEvent = (typeof partneroSyncedEvents)[number];

const envelopeFields = {
  url: z.string().nullish(),
  webhook_key: z.string().nullish(),
  created_at: z.string().nullish(),
};

/** Any delivery, whatever its event (leads, rewards, …): enough to recognise and skip it. */
export const partneroWebhookEnvelopeSchema = z.looseObject({ event: z.string().min(1), ...envelopeFields, data: z.unknown() });
export type PartneroWebhookEnvelope = z.infer<typeof partneroWebhookEnvelopeSchema>;

export const partneroWebhookDeliverySchema = z.discriminatedUnion('event', [
  z.looseObject({ event: z.enum(partneroPartnerEvents), ...envelopeFields, data: partneroPartnerSchema }),
  z.looseObject({ event: z.enum(partneroCustomerEvents), ...envelopeFields, data: partneroCustomerSchema }),
  z.looseObject({ event: z.enum(partneroTransactionEvents), ...envelopeFields, data: partneroTransactionSchema }),
]);
export type PartneroWebhookDelivery = z.infer<typeof partneroWebhookDeliverySchema>;

export function isPartneroSyncedEvent(event: string): event is PartneroSyncedEvent {
  return (partneroSyncedEvents as readonly string[]).includes(event);
}
