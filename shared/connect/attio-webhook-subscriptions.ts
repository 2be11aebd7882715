import type { AttioWebhookSubscription } from '../attio/schemas';

/** The record events the Attio -> Partnero direction reacts to. */
export const ATTIO_RECORD_EVENTS = ['record.created', 'record.updated', 'record.deleted', 'record.merged'] as const;

/**
 * The subscriptions of a program's Attio webhook: each record event, once per synced object.
 *
 * Attio's filters are one flat `$and` or `$or` of `equals`/`not_equals` conditions, so "deals or
 * people, and not written by us" cannot be one filter; it is one subscription per object, each
 * `$and`-ing the object with `actor.id not_equals <our actor>` once that actor is known. The
 * receiver still checks the actor itself (filters are not applied to Attio's test events).
 */
export function attioSubscriptions(input: { readonly objectIds: readonly string[]; readonly ourActorId: string | null }): AttioWebhookSubscription[] {
  const objectIds = [...new Set(input.objectIds)].sort();
  const subscriptions: AttioWebhookSubscription[] = [];
  for (const eventType of ATTIO_RECORD_EVENTS) {
    for (const objectId of objectIds) {
      subscriptions.push({
        event_type: eventType,
        filter: {
          $and: [
            { field: 'id.object_id', operator: 'equals', value: objectId },
            ...(input.ourActorId ? [{ field: 'actor.id', operator: 'not_equals' as const, value: input.ourActorId }] : []),
          ],
        },
      });
    }
  }
  return subscriptions;
}

/** True when a webhook's subscriptions already say exactly what we would ask for (order aside). */
export function sameSubscriptions(current: readonly AttioWebhookSubscription[], wanted: readonly AttioWebhookSubscription[]): boolean {
  const key = (subscription: AttioWebhookSubscription) => {
    const filter = subscription.filter;
    if (filter === null) return `${subscription.event_type}|*`;
    const [mode, conditions] = '$and' in filter ? ['and', filter.$and] : ['or', filter.$or];
    return `${subscription.event_type}|${mode}|${conditions.map((condition) => `${condition.field} ${condition.operator} ${condition.value}`).sort().join('&')}`;
  };
  const a = current.map(key).sort();
  const b = wanted.map(key).sort();
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
