import { z } from 'zod';
import { attioRecordEventSchema, type AttioRecordEvent } from '../attio/webhook-payload';

/**
 * Attio webhook events as this direction reads them (reference: attio-api.md §2, "Delivered
 * payload"), on top of the typed client's schemas. Events carry ids only, never values: the
 * worker always re-fetches the record.
 */
export { attioRecordEventSchema, type AttioRecordEvent };

export const recordEventTypes = ['record.created', 'record.updated', 'record.deleted', 'record.merged'] as const;
export type RecordEventType = (typeof recordEventTypes)[number];

/**
 * A delivery as the route accepts it: any events, as long as each names its type. Events the
 * sync does not use (notes, tasks, lists) are accepted and dropped; record events are held to
 * their documented shape by `acceptedAttioDeliverySchema`.
 */
export const attioDeliveryEnvelopeSchema = z.looseObject({
  webhook_id: z.string().min(1),
  events: z.array(z.looseObject({ event_type: z.string().min(1) })),
});
export type AttioDeliveryEnvelope = z.infer<typeof attioDeliveryEnvelopeSchema>;

export function isRecordEventType(eventType: string): eventType is RecordEventType {
  return (recordEventTypes as readonly string[]).includes(eventType);
}

/**
 * What the worker does with a record's events: bring Partnero up to the record's state, handle
 * its deletion, or move what the service knows about merged-away records to it. A merge never
 * pays: Attio fires its two `record.merged` events at once, in no guaranteed order, so the new
 * record (often still won) may be looked at before the event naming its paid original arrives.
 */
export type RecordWorkClass = 'sync' | 'deletion' | 'merge';

export function workClassOf(event: AttioRecordEvent): RecordWorkClass {
  if (event.event_type === 'record.deleted') return 'deletion';
  return event.event_type === 'record.merged' ? 'merge' : 'sync';
}

/**
 * The record a merge moved away from the event's record. Attio's old semantics kept one
 * original (`id.record_id`) and merged the duplicate into it; the new ones create a new record
 * and fire one event per original. Either way: `duplicate_record_id` -> `id.record_id`.
 */
export function mergedAwayRecordId(event: AttioRecordEvent): string | undefined {
  if (event.event_type !== 'record.merged') return undefined;
  return event.duplicate_record_id !== event.id.record_id ? event.duplicate_record_id : undefined;
}
