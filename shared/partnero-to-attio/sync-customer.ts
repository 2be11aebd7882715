import type { PartneroCustomer } from '../partnero/resource-schemas';
import type { RecordLink } from '../sync/link-repository';
import { PEOPLE_OBJECT as CUSTOMER_OBJECT } from '../attio/object-slugs';
import { customerStatusLabel, planCustomerPerson } from './customer-record';
import { deliveredCustomer } from './delivered-record';
import { isOlderThanApplied } from './partnero-event';
import { partneroFingerprint } from '../partnero/partnero-fingerprint';
import { changesNothing, markLinkedRecord, objectSchema, writePlannedRecord, type WrittenRecord } from './record-writer';
import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { targetRecordName, type SyncContext, type SyncResult } from './sync-context';

/**
 * customer.created|updated|deleted -> the customer's person, re-read from Partnero for the
 * same reason as partners (and, like them, taken from a delivery that carries it whole and is
 * newer than the link). A deleted customer's person is kept and marked `deleted`: the
 * person may be a lead or contact the sales team still works with.
 */
export async function syncCustomer(context: SyncContext): Promise<SyncResult> {
  const { event, program } = context;
  const link = await context.links.findByPartneroId(program.programId, 'customer', event.partneroId);
  const target = link ? targetRecordName(link.attioObject, link.attioRecordId) : null;
  if (isOlderThanApplied(event.version, link?.partneroVersion ?? null)) {
    return { outcome: 'stale', targetRecord: target, reason: `${event.name} of ${event.version} is older than the applied version ${link?.partneroVersion}` };
  }

  const mapped = program.settings.customers.fieldMappings.map((row) => row.partneroField);
  const customer = deliveredCustomer(event, link, mapped) ?? (await context.partnero.findCustomer(event.partneroId));
  if (!customer || customerStatusLabel(customer) === 'deleted') {
    if (event.name !== 'customer.deleted') return { outcome: 'stale', targetRecord: target, reason: `${event.name}: the customer no longer exists in Partnero` };
    if (!link) return { outcome: 'noop', targetRecord: null, reason: 'customer.deleted: the customer was never synced to Attio' };
    return markLinkedRecord(
      context,
      link,
      { slug: syncAttributeSlugs.customerKey, value: event.partneroId },
      [{ slug: syncAttributeSlugs.customerStatus, value: 'deleted', optional: true }],
      event.version,
      'customer marked deleted',
    );
  }
  if (isOlderThanApplied(customer.updated_at ?? null, link?.partneroVersion ?? null)) {
    return { outcome: 'stale', targetRecord: target, reason: `Partnero answered a version (${customer.updated_at}) older than the applied one (${link?.partneroVersion})` };
  }
  if (link && link.partneroWrittenHash === partneroFingerprint('customer', customer, program.settings.customers.fieldMappings)) {
    return { outcome: 'echo', targetRecord: target, reason: `${event.name} carries the values the Attio -> Partnero sync wrote` };
  }
  return writeCustomerPerson(context, customer, link);
}

/** Writes (or confirms) the customer's person; also used to link a sale's buyer before its deal. */
export async function writeCustomerPerson(context: SyncContext, customer: PartneroCustomer, link: RecordLink | undefined): Promise<WrittenRecord> {
  const schema = await objectSchema(context, CUSTOMER_OBJECT);
  const plan = planCustomerPerson(customer, customerStatusLabel(customer), context.program.settings.customers, schema);
  if (link && changesNothing(link, plan)) {
    return { outcome: 'noop', recordId: link.attioRecordId, targetRecord: targetRecordName(link.attioObject, link.attioRecordId), reason: `${context.event.name} changes nothing mapped` };
  }
  return writePlannedRecord(context, 'customer', customer.key, plan, link, customer.updated_at ?? null);
}
