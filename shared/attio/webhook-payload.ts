import * as z from 'zod';
import { MAX_PROVIDER_ID_LENGTH } from '../store/key-limits';
import { attioActorSchema } from './schemas';

/**
 * A webhook delivery: `{webhook_id, events: [...]}`. Attio says each delivery currently holds
 * one event "but this may change"; consumers iterate all of them. Events carry ids only.
 */
/** Ids end up in table keys: longer than any real Attio id (a UUID) is refused here, see key-limits.ts. */
const storedId = z.string().max(MAX_PROVIDER_ID_LENGTH);
const recordIdsSchema = z.object({ workspace_id: storedId, object_id: storedId, record_id: storedId }).loose();

/**
 * The event's actor. Every documented example carries one, but its type and id may be null (a
 * `system` actor, or one the document leaves untyped), and a missing actor is read as an
 * unknown one: the event is still the record's, it just cannot be ours.
 */
const eventActorSchema = attioActorSchema.nullish().transform((actor) => actor ?? { type: null, id: null });

export const attioRecordEventSchema = z.discriminatedUnion('event_type', [
  z.object({ event_type: z.literal('record.created'), id: recordIdsSchema, actor: eventActorSchema }).loose(),
  z.object({ event_type: z.literal('record.deleted'), id: recordIdsSchema, actor: eventActorSchema }).loose(),
  z
    .object({
      event_type: z.literal('record.updated'),
      id: recordIdsSchema.extend({ attribute_id: storedId }),
      actor: eventActorSchema,
    })
    .loose(),
  z
    .object({
      event_type: z.literal('record.merged'),
      id: recordIdsSchema,
      duplicate_object_id: storedId,
      duplicate_record_id: storedId,
      actor: eventActorSchema,
    })
    .loose(),
]);
export type AttioRecordEvent = z.infer<typeof attioRecordEventSchema>;

/** Any other event type (notes, tasks, lists...) is accepted and ignored by the sync. */
export const attioOtherEventSchema = z
  .object({
    event_type: z.string(),
    id: z.record(z.string(), z.unknown()).nullish(),
    actor: attioActorSchema.nullish(),
  })
  .loose();

export const attioWebhookDeliverySchema = z.object({
  webhook_id: z.string(),
  events: z.array(z.union([attioRecordEventSchema, attioOtherEventSchema])).min(1),
});
export type AttioWebhookDelivery = z.infer<typeof attioWebhookDeliverySchema>;

export function isRecordEvent(event: unknown): event is AttioRecordEvent {
  return attioRecordEventSchema.safeParse(event).success;
}
