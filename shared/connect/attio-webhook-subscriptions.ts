import type { AttioWebhookSubscription } from '../attio/schemas';

/** The record events the Attio -> Partnero direction reacts to. */
export const ATTIO_RECORD_EVENTS = ['record.created', 'record.updated', 'record.deleted', 'record.merged'] as const;

/** One object the webhook listens to, with the attributes whose `record.updated` the sync reads. */
export interface SubscribedObject {
  readonly objectId: string;
  /** Attribute ids; none means the object's updates are not delivered at all. */
  readonly updatedAttributeIds: readonly string[];
}

/**
 * The subscriptions of a program's Attio webhook.
 *
 * Attio's filters are one flat `$and` or `$or` of `equals`/`not_equals` conditions (OpenAPI,
 * `POST /v2/webhooks` `subscriptions[].filter`; https://docs.attio.com/rest-api/how-to/webhooks),
 * so "this object, one of these attributes, not written by us" cannot be one filter. It is one
 * subscription per object for `record.created`/`deleted`/`merged`, and one per (object,
 * attribute) for `record.updated` (`id.attribute_id equals <id>`), each `$and`-ing
 * `actor.id not_equals <our actor>` once that actor is known. The receiver still checks the
 * actor and the value hash itself (filters are not applied to Attio's test events).
 */
export function attioSubscriptions(input: {
  readonly objects: readonly SubscribedObject[];
  readonly ourActorId: string | null;
}): AttioWebhookSubscription[] {
  const notOurs = input.ourActorId
    ? [{ field: 'actor.id', operator: 'not_equals' as const, value: input.ourActorId }]
    : [];
  const objects = [...input.objects].sort((a, b) => a.objectId.localeCompare(b.objectId));
  const subscriptions: AttioWebhookSubscription[] = [];
  for (const eventType of ATTIO_RECORD_EVENTS) {
    for (const object of objects) {
      const ofObject = { field: 'id.object_id', operator: 'equals' as const, value: object.objectId };
      if (eventType !== 'record.updated') {
        subscriptions.push({ event_type: eventType, filter: { $and: [ofObject, ...notOurs] } });
        continue;
      }
      for (const attributeId of [...new Set(object.updatedAttributeIds)].sort()) {
        subscriptions.push({
          event_type: eventType,
          filter: {
            $and: [ofObject, { field: 'id.attribute_id', operator: 'equals', value: attributeId }, ...notOurs],
          },
        });
      }
    }
  }
  return subscriptions;
}

/** True when a webhook's subscriptions already say exactly what we would ask for (order aside). */
export function sameSubscriptions(
  current: readonly AttioWebhookSubscription[],
  wanted: readonly AttioWebhookSubscription[],
): boolean {
  const key = (subscription: AttioWebhookSubscription) => {
    const filter = subscription.filter;
    if (filter === null) return `${subscription.event_type}|*`;
    const [mode, conditions] = '$and' in filter ? ['and', filter.$and] : ['or', filter.$or];
    return `${subscription.event_type}|${mode}|${conditions
      .map((condition) => `${condition.field} ${condition.operator} ${condition.value}`)
      .sort()
      .join('&')}`;
  };
  const a = current.map(key).sort();
  const b = wanted.map(key).sort();
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
