import type { CustomerChanges, NewCustomer } from '../partnero/customers-api';
import type { PartneroCustomer } from '../partnero/resource-schemas';
import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import type { CustomerSettings } from '../programs/program-settings';
import type { RecordLink } from '../sync/link-repository';
import { emailsOf, recordIdOf, textOf, type AttioRecord } from './attio-record';
import { customerChanges, customerFieldsFromPerson, hasChanges, type CustomerFields } from './customer-fields';
import type { PartneroPort } from './ports';
import { readReferringPartner } from './referring-partner';

/**
 * What an Attio person's sync would do to Partnero, decided from reads only: the worker carries
 * it out (person-customer.ts), the settings preview shows it without writing anything.
 *
 *   person ──email/key──▶ customer found?  ──yes──▶ update (only what differs) | unchanged
 *                                          └─no──▶ referring partner named?  ──yes──▶ create (key = Attio record id)
 *                                                                            └─no──▶ none, with the reason
 */
export type PersonCustomerPlan =
  | {
      readonly action: 'update';
      readonly customer: PartneroCustomer;
      readonly desired: CustomerFields;
      readonly changes: CustomerChanges;
    }
  | { readonly action: 'unchanged'; readonly customer: PartneroCustomer; readonly desired: CustomerFields }
  | { readonly action: 'create'; readonly desired: CustomerFields; readonly customer: NewCustomer }
  | {
      readonly action: 'none';
      readonly desired: CustomerFields;
      readonly outcome: 'noop' | 'skipped-by-settings' | 'rejected';
      readonly reason: string;
    };

/** The reads a plan needs: Partnero's customers, and the partner link of an Attio record a person points to. */
export interface CustomerPlanReads {
  readonly customers: Pick<PartneroPort['customers'], 'find' | 'searchByEmail'>;
  partnerLinkOf(attioRecordId: string): Promise<Pick<RecordLink, 'partneroId'> | undefined>;
}

export async function planPersonCustomer(
  reads: CustomerPlanReads,
  settings: CustomerSettings,
  person: AttioRecord,
  link: RecordLink | undefined,
): Promise<PersonCustomerPlan> {
  const emails = emailsOf(person, 'email_addresses');
  if (emails.length === 0 && link?.kind !== 'customer') {
    return {
      action: 'none',
      desired: customerFieldsFromPerson(person, settings.fieldMappings, undefined),
      outcome: 'noop',
      reason: 'the person has no email to find a Partnero customer by',
    };
  }
  const customer = await findCustomer(reads, person, link, emails);
  if (customer) {
    const desired = customerFieldsFromPerson(person, settings.fieldMappings, customer);
    const changes = customerChanges(customer, desired);
    return hasChanges(changes)
      ? { action: 'update', customer, desired, changes }
      : { action: 'unchanged', customer, desired };
  }
  return planCreate(reads, settings, person);
}

async function findCustomer(
  reads: CustomerPlanReads,
  person: AttioRecord,
  link: RecordLink | undefined,
  emails: readonly string[],
): Promise<PartneroCustomer | undefined> {
  const key = link?.kind === 'customer' ? link.partneroId : textOf(person, syncAttributeSlugs.customerKey);
  if (key) {
    const byKey = await reads.customers.find(key);
    if (byKey && !byKey.deleted) return byKey;
  }
  for (const email of emails) {
    const matches = (await reads.customers.searchByEmail(email)).filter((customer) => !customer.deleted);
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

async function planCreate(
  reads: CustomerPlanReads,
  settings: CustomerSettings,
  person: AttioRecord,
): Promise<PersonCustomerPlan> {
  const desired = customerFieldsFromPerson(person, settings.fieldMappings, undefined);
  const attribute = settings.referringPartnerAttribute;
  if (attribute === null) {
    return {
      action: 'none',
      desired,
      outcome: 'skipped-by-settings',
      reason:
        "no Partnero customer has the person's email, and creating one needs a referring partner: choose the attribute that names it in the customer settings",
    };
  }
  const referrer = readReferringPartner(person, attribute);
  if (!referrer)
    return {
      action: 'none',
      desired,
      outcome: 'noop',
      reason: `no Partnero customer has the person's email, and the person names no referring partner in ${attribute}, which Partnero requires to create one`,
    };
  let partner = referrer.kind === 'partner' ? referrer.reference : undefined;
  if (referrer.kind === 'linked-record') {
    const partnerLink = await reads.partnerLinkOf(referrer.recordId);
    if (!partnerLink)
      return {
        action: 'none',
        desired,
        outcome: 'rejected',
        reason: `${attribute} points to Attio record ${referrer.recordId}, which is not a synced Partnero partner`,
      };
    partner = { id: partnerLink.partneroId };
  }
  const email = desired.email ?? emailsOf(person, 'email_addresses')[0];
  // The Attio record id is the key: stable when the email changes, and a retry after a crash meets "Duplicate key", not a twin.
  const customer: NewCustomer = {
    key: recordIdOf(person),
    ...(email ? { email } : {}),
    ...(desired.name ? { name: desired.name } : {}),
    ...(desired.surname ? { surname: desired.surname } : {}),
    ...(desired.tags ? { tags: [...desired.tags] } : {}),
    partner: partner as NonNullable<typeof partner>,
  };
  return { action: 'create', desired, customer };
}
