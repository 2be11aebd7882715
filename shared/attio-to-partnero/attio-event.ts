import * as z from 'zod';
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
 * Every event type Attio documents (the `event_type` enum of the OpenAPI webhook schema,
 * reference attio-api.md §"Event types"). The sync subscribes to record events only; any other
 * documented type is acknowledged and ignored, and a type outside this list is unknown, so kept.
 */
export const attioDocumentedEventTypes = [
  'call-recording.created',
  'comment.created',
  'comment.resolved',
  'comment.unresolved',
  'comment.deleted',
  'list.created',
  'list.updated',
  'list.deleted',
  'list-attribute.created',
  'list-attribute.updated',
  'list-entry.created',
  'list-entry.updated',
  'list-entry.deleted',
  'object-attribute.created',
  'object-attribute.updated',
  'note.created',
  'note-content.updated',
  'note.updated',
  'note.deleted',
  ...recordEventTypes,
  'task.created',
  'task.updated',
  'task.deleted',
  'workspace-member.created',
] as const;

/**
 * A delivery as the route reads it first: `{webhook_id, events: [...]}`, each event naming its
 * type. Record events are then held to their documented shape; the rest is ignored or kept.
 */
export const attioDeliveryEnvelopeSchema = z.looseObject({
  // Never read by the sync: its absence must not keep the events from being applied.
  webhook_id: z.unknown().optional(),
  events: z.array(z.unknown()),
});

/** What every event names, whatever its type. */
export const attioEventTypeSchema = z.looseObject({ event_type: z.string().min(1) });

export function isDocumentedEventType(eventType: string): boolean {
  return (attioDocumentedEventTypes as readonly string[]).includes(eventType);
}

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
