import { createHash } from 'node:crypto';
import {
  isPartneroIgnoredEvent,
  isPartneroSyncedEvent,
  partneroWebhookDeliverySchema,
  partneroWebhookEnvelopeSchema,
} from '../partnero/webhook-delivery-schema';
import {
  deliveredName,
  describeIssues,
  nothingToDo,
  type DeliveryContext,
  type DeliveryInterpretation,
} from '../webhooks/delivery-interpretation';
import { recordRoute } from '../queue/sync-queues';
import { partneroCustomerReference } from '../partnero/resource-schemas';
import type { LinkedKind } from '../sync/link-repository';
import { readPartneroEvent, type PartneroEvent } from './partnero-event';

/**
 * What a signed Partnero delivery asks of the sync:
 *
 * - an event the sync uses, naming its record (partner `id`, customer or transaction `key`):
 *   one queue message; nothing else of the data is needed, the worker reads the record;
 * - a documented event the sync does not use (a lead, a reward): ignored;
 * - an unknown event type, or a synced event that names no record: unreadable, so parked.
 *
 * Queue message:
 * - Group: the program's lane of the record (`recordRoute`), so the events of one partner,
 *   customer or sale are applied one at a time, in arrival order, while other records proceed
 *   in parallel and a busy program cannot hold up the others. A sale that names its customer
 *   goes in that customer's line (`orderingRecordOf`).
 * - Delivery key (also the SQS deduplication id): Partnero sends no event
 *   id. A delivery that carries its record's version (`updated_at`, or the `created_at` of a
 *   creation or a sale) is keyed by the sha256 of the raw body, a retry being byte-identical.
 *   A thin delivery carries no version: two changes of one customer in the same second can
 *   arrive as byte-identical bodies (`{key}` and a whole-second `created_at`), so its receipt
 *   time is hashed in too. A retry of it is then applied again, which is harmless: the worker
 *   reads the record's current state from Partnero and writes only what differs. The program
 *   id is hashed in because the SQS queue is shared by all programs.
 * - Body: the delivery as Partnero sent it; the worker reads it with the same schema.
 *
 * Partnero's own retries may still arrive after a newer event; the worker re-reads the record
 * from Partnero and guards on `updated_at`, so arrival order cannot leave an old state behind.
 */
export function interpretPartneroDelivery(body: unknown, context: DeliveryContext): DeliveryInterpretation {
  // The common case costs one parse: a delivery the sync applies. The envelope is read only to
  // say why a delivery is not one (a delivery that passes is always a valid envelope too).
  const delivery = partneroWebhookDeliverySchema.safeParse(body);
  if (!delivery.success) return whyNotSynced(body, describeIssues(delivery.error));
  const event = readPartneroEvent(delivery.data);
  const deliveryKey = partneroDeliveryKey(
    context.programId,
    context.rawBody,
    event.version === null ? context.receivedAt : undefined,
  );
  const route = recordRoute(context.programId, ...orderingRecordOf(event));
  return {
    ...nothingToDo,
    messages: [
      {
        groupId: route.groupId,
        deduplicationId: deliveryKey,
        message: {
          programId: context.programId,
          source: 'partnero',
          deliveryKey,
          receivedAt: context.receivedAt,
          recordKey: route.recordKey,
          event: body,
        },
      },
    ],
  };
}

/**
 * The record a delivery is applied in line with: its own, except a sale that names its buyer
 * (Partnero's payloads mirror the REST resource, whose `customer` is the key or `{key, …}`),
 * which goes in its customer's line. A customer's first sale usually arrives together with the
 * customer's own `customer.created`; in two lines the two ran at once, and each wrote the
 * customer's person to Attio and saved its link (a provider call and two write units twice).
 * In one line the customer is applied first and the sale finds its buyer linked.
 *
 * A sale and its refund still share a line when both name the customer, as payloads of one
 * resource do. A thin refund (only its `key`) takes the sale's own line: should it overtake the
 * sale it finds nothing linked and changes nothing, and the sale then reads as refunded from
 * Partnero and opens no deal; only a refund applied while its sale is being written can miss
 * the deal, which the nightly reconciliation's refund check repairs.
 */
function orderingRecordOf(event: PartneroEvent): [LinkedKind, string] {
  if (event.kind === 'transaction') {
    const buyer = partneroCustomerReference.safeParse((event.delivery.data as { customer?: unknown }).customer);
    if (buyer.success) return ['customer', buyer.data];
  }
  return [event.kind, event.partneroId];
}

function whyNotSynced(body: unknown, deliveryIssues: string): DeliveryInterpretation {
  const envelope = partneroWebhookEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    return {
      ...nothingToDo,
      unreadable: [
        {
          sourceEvent: eventNameOf(body),
          sourceRecord: null,
          reason: `not a Partnero webhook delivery (${describeIssues(envelope.error)})`,
        },
      ],
    };
  }
  const name = deliveredName(envelope.data.event, '(no event)');
  if (isPartneroIgnoredEvent(envelope.data.event)) {
    return {
      ...nothingToDo,
      ignored: [{ sourceEvent: name, sourceRecord: null, reason: `Partnero event ${name} is not one the sync uses` }],
    };
  }
  if (!isPartneroSyncedEvent(envelope.data.event)) {
    return {
      ...nothingToDo,
      unreadable: [{ sourceEvent: name, sourceRecord: null, reason: `unknown Partnero event type ${name}` }],
    };
  }
  return {
    ...nothingToDo,
    unreadable: [
      { sourceEvent: name, sourceRecord: null, reason: `the delivery does not name its record (${deliveryIssues})` },
    ],
  };
}

/** `receivedAt` only for a delivery without a version of its record (see above). */
export function partneroDeliveryKey(programId: string, rawBody: string, receivedAt?: string): string {
  const hash = createHash('sha256').update(programId).update('\n').update(rawBody);
  if (receivedAt !== undefined) hash.update('\n').update(receivedAt);
  return hash.digest('hex');
}

function eventNameOf(body: unknown): string {
  return deliveredName(
    typeof body === 'object' && body !== null ? (body as { event?: unknown }).event : undefined,
    '(no event)',
  );
}
