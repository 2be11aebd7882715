import { ProviderHttpError } from '../errors';
import { CircuitOpenError } from '../sync/circuit-breaker';
import { partneroRecordHash } from '../sync/echo-suppression';
import type { CustomerChanges, NewCustomer } from '../partnero/customers-api';
import type { PartneroCustomer } from '../partnero/resource-schemas';
import type { RecordLink } from '../sync/link-repository';
import type { RecordWorkClass } from './attio-event';
import { recordIdOf, type AttioRecord } from './attio-record';
import { customerAfter, customerChanges, customerFieldsFromPerson, hasChanges } from './customer-fields';
import { PEOPLE_OBJECT } from '../attio/object-slugs';
import { planPersonCustomer, type CustomerPlanReads } from './customer-plan';
import { fetchRecord, holdsOnlyLinkedWrite, type AttioSyncContext } from './sync-context';
import { customerTarget, type SyncResult } from './sync-result';

/**
 * A person's events -> the Partnero customer with the same email (or the one linked to it),
 * updated with the mapped fields. Partnero requires a referring partner to create a customer
 * in an affiliate program: one is created only when the person names it in the attribute the
 * customer settings choose. A deleted person leaves its customer alone (the customer's sales
 * and commissions stay in Partnero).
 */
export async function syncPersonCustomer(
  context: AttioSyncContext,
  personRecordId: string,
  workClass: Exclude<RecordWorkClass, 'merge'>,
): Promise<SyncResult> {
  const settings = context.settings.customers;
  if (!settings.enabled)
    return {
      outcome: 'skipped-by-settings',
      targetRecord: null,
      reason: 'customer sync is off in the program settings',
    };
  if (workClass === 'deletion')
    return {
      outcome: 'noop',
      targetRecord: null,
      reason: 'a person deleted in Attio leaves its Partnero customer (and its sales) in place',
    };

  const person = await fetchRecord(context, PEOPLE_OBJECT, personRecordId);
  if (!person)
    return {
      outcome: 'noop',
      targetRecord: null,
      reason: 'the person can no longer be read in Attio (deleted or merged)',
    };
  // The customer's own link when there is one; a person who is only a partner is judged by the partner's link.
  const links = await context.links.linksOfAttioRecord(context.programId, personRecordId);
  const link = links.find((candidate) => candidate.kind === 'customer') ?? links[0];
  if (await holdsOnlyLinkedWrite(context, PEOPLE_OBJECT, person, link)) {
    return {
      outcome: 'echo',
      targetRecord: null,
      reason: 'the person holds exactly what the Partnero -> Attio sync wrote: nothing changed by a person',
    };
  }
  const plan = await planPersonCustomer(planReads(context), settings, person, link);
  switch (plan.action) {
    case 'none':
      return { outcome: plan.outcome, targetRecord: null, reason: plan.reason };
    case 'unchanged':
      await linkCustomer(context, recordIdOf(person), plan.customer, link);
      return {
        outcome: 'noop',
        targetRecord: customerTarget(plan.customer.key),
        reason: 'the Partnero customer already holds the mapped values of the person',
      };
    case 'update':
      return updateCustomer(context, person, plan.customer, plan.changes, link);
    case 'create':
      return createCustomer(context, person, plan.customer, link);
  }
}

function planReads(context: AttioSyncContext): CustomerPlanReads {
  return {
    customers: context.partnero.customers,
    partnerLinkOf: (recordId) => context.links.findByAttioRecordId(context.programId, recordId, 'partner'),
  };
}

async function updateCustomer(
  context: AttioSyncContext,
  person: AttioRecord,
  customer: PartneroCustomer,
  changes: CustomerChanges,
  link: RecordLink | undefined,
): Promise<SyncResult> {
  const target = customerTarget(customer.key);
  // Linked with the hash of what Partnero will hold BEFORE the write: the customer.updated webhook it triggers is then our echo.
  const expected = await linkCustomer(context, recordIdOf(person), customerAfter(customer, changes), link);
  let updated: PartneroCustomer;
  try {
    updated = await context.partnero.customers.update(customer.key, changes);
  } catch (error) {
    // Refused before any call was made: Partnero keeps the old values, so the link must hash those.
    if (error instanceof CircuitOpenError) await linkCustomer(context, recordIdOf(person), customer, expected);
    throw error;
  }
  await linkCustomer(context, recordIdOf(person), updated, expected);
  return {
    outcome: 'applied',
    targetRecord: target,
    reason: `Partnero customer updated from the person (${Object.keys(changes).join(', ')})`,
  };
}

async function createCustomer(
  context: AttioSyncContext,
  person: AttioRecord,
  planned: NewCustomer,
  link: RecordLink | undefined,
): Promise<SyncResult> {
  let created: PartneroCustomer;
  try {
    created = await context.partnero.customers.create(planned);
  } catch (error) {
    if (!(error instanceof ProviderHttpError) || error.status !== 422) throw error;
    // "Duplicate key": a retry after a crash finds the customer it created, and updates it instead.
    const existing = await context.partnero.customers.find(planned.key);
    if (!existing) throw error;
    const changes = customerChanges(
      existing,
      customerFieldsFromPerson(person, context.settings.customers.fieldMappings, existing),
    );
    if (!hasChanges(changes)) {
      await linkCustomer(context, recordIdOf(person), existing, link);
      return {
        outcome: 'noop',
        targetRecord: customerTarget(existing.key),
        reason: 'the Partnero customer already holds the mapped values of the person',
      };
    }
    return updateCustomer(context, person, existing, changes, link);
  }
  await linkCustomer(context, recordIdOf(person), created, link);
  return {
    outcome: 'applied',
    targetRecord: customerTarget(created.key),
    reason: 'Partnero customer created from the person, referred by the partner it names',
  };
}

/**
 * Links the person to its customer with the hash of the customer's mapped fields: the other
 * direction drops Partnero's webhook for our write as an echo (`shared/sync/echo-suppression.ts`). A person who is also a partner
 * keeps its partner link beside this one (links are kept per kind).
 */
async function linkCustomer(
  context: AttioSyncContext,
  personRecordId: string,
  customer: PartneroCustomer,
  current: RecordLink | undefined,
): Promise<RecordLink> {
  const link = current?.kind === 'customer' ? current : undefined;
  const partneroWrittenHash = partneroRecordHash('customer', customer, context.settings.customers.fieldMappings);
  const sameCustomer = link?.partneroId === customer.key;
  if (link && sameCustomer && link.partneroWrittenHash === partneroWrittenHash) return link;
  const saved: RecordLink = {
    programId: context.programId,
    kind: 'customer',
    partneroId: customer.key,
    attioObject: PEOPLE_OBJECT,
    attioRecordId: personRecordId,
    // What the other direction wrote to Attio is only known for the customer it wrote.
    attioWrittenHash: sameCustomer ? (link?.attioWrittenHash ?? null) : null,
    partneroWrittenHash,
    partneroVersion: sameCustomer ? (link?.partneroVersion ?? null) : null,
    updatedAt: context.now().toISOString(),
  };
  await context.links.save(saved, { foundBy: 'attio' });
  return saved;
}
