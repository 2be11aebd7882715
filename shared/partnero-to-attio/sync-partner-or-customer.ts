import type { PartneroCustomer, PartneroPartner } from '../partnero/resource-schemas';
import { partneroRecordIsOurEcho } from '../sync/echo-suppression';
import type { RecordLink } from '../sync/link-repository';
import { customerKind, type PartnerOrCustomerKind } from './partner-and-customer-kinds';
import { eventLinkOf } from './event-link';
import { isOlderThanApplied } from './partnero-event';
import {
  changesNothing,
  markLinkedRecord,
  objectSchema,
  writePlannedRecord,
  type LinkSaveRules,
  type WrittenRecord,
} from './record-writer';
import { targetRecordName, type SyncContext, type SyncResult } from './sync-context';

/**
 * partner.created|updated|approved|rejected|archived|deleted -> the partner's record;
 * customer.created|updated|deleted -> the customer's person. One sync for both kinds, told apart
 * only by their description (`partner-and-customer-kinds.ts`):
 *
 *   older than the link's version ──▶ stale
 *   the record: the delivery when it carries it whole and is newer than the link
 *   (`delivered-record.ts`), else read again from Partnero (its timestamps have one-second
 *   precision and its retries arrive late: only the current state makes the outcome
 *   independent of delivery order)
 *     gone (or shown deleted) ──▶ on its deletion event: the linked record is kept and marked
 *                                 `deleted` (it may carry the sales team's notes and history);
 *                                 never synced: noop; any other event: stale
 *     Partnero answers an older version than the link's ──▶ stale
 *     a retirement of a record that never reached Attio ──▶ noop (nothing is created)
 *     the echo of the Attio -> Partnero sync's write ──▶ echo (`shared/sync/echo-suppression.ts`)
 *     the plan changes nothing on the linked record ──▶ noop
 *     otherwise ──▶ written (`record-writer.ts`)
 */
export async function syncPartnerOrCustomer<Resource extends PartneroPartner | PartneroCustomer>(
  context: SyncContext,
  described: PartnerOrCustomerKind<Resource>,
): Promise<SyncResult> {
  const { event, program } = context;
  const { kind } = described;
  const { link, target, stale } = await eventLinkOf(context, kind);
  if (stale) return stale;

  const mappings = described.fieldMappingsOf(program.settings);
  const resource =
    described.delivered(
      event,
      link,
      mappings.map((row) => row.partneroField),
    ) ?? (await described.find(context.partnero, event.partneroId));
  if (!resource || described.readsAsDeleted(resource)) {
    if (event.name !== described.deletedEvent)
      return {
        outcome: 'stale',
        targetRecord: target,
        reason: `${event.name}: the ${kind} no longer exists in Partnero`,
      };
    if (!link)
      return { outcome: 'noop', targetRecord: null, reason: `${event.name}: the ${kind} was never synced to Attio` };
    return markLinkedRecord(
      context,
      link,
      { slug: described.matchingAttribute, value: event.partneroId },
      [{ slug: described.statusAttribute, value: 'deleted', optional: true }],
      event.version,
      `${kind} marked deleted`,
    );
  }
  if (isOlderThanApplied(resource.updated_at ?? null, link?.partneroVersion ?? null)) {
    return {
      outcome: 'stale',
      targetRecord: target,
      reason: `Partnero answered a version (${resource.updated_at}) older than the applied one (${link?.partneroVersion})`,
    };
  }
  if (event.intent === 'retire' && !link)
    return { outcome: 'noop', targetRecord: null, reason: `${event.name}: the ${kind} was never synced to Attio` };
  if (partneroRecordIsOurEcho(event.intent, link, resource, mappings)) {
    return {
      outcome: 'echo',
      targetRecord: target,
      reason: `${event.name} carries the values the Attio -> Partnero sync wrote`,
    };
  }
  return writePartnerOrCustomer(context, described, resource, link, resource.updated_at ?? event.version);
}

/** Writes (or confirms) the customer's person outside its own event: a sale links its buyer before its deal. */
export function writeCustomerPerson(
  context: SyncContext,
  customer: PartneroCustomer,
  link: RecordLink | undefined,
): Promise<WrittenRecord> {
  // The event is the sale's: its version is no version of the customer.
  return writePartnerOrCustomer(context, customerKind, customer, link, customer.updated_at ?? null, {
    ownEventMayLinkMeanwhile: true,
  });
}

async function writePartnerOrCustomer<Resource extends PartneroPartner | PartneroCustomer>(
  context: SyncContext,
  described: PartnerOrCustomerKind<Resource>,
  resource: Resource,
  link: RecordLink | undefined,
  version: string | null,
  rules: LinkSaveRules = {},
): Promise<WrittenRecord> {
  const schema = await objectSchema(context, described.objectOf(context.program.settings));
  const plan = described.plan(resource, context.event.name, context.program.settings, schema);
  if (link && changesNothing(link, plan)) {
    return {
      outcome: 'noop',
      recordId: link.attioRecordId,
      targetRecord: targetRecordName(link.attioObject, link.attioRecordId),
      reason: `${context.event.name} changes nothing mapped`,
    };
  }
  return writePlannedRecord(context, described.kind, described.partneroIdOf(resource), plan, link, version, rules);
}
