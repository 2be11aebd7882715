import type { AttioClient } from '../attio/attio-client';
import { emailsOf, recordIdOf } from '../attio-to-partnero/attio-record';
import type { CustomerFields } from '../attio-to-partnero/customer-fields';
import { planPersonCustomer, type PersonCustomerPlan } from '../attio-to-partnero/customer-plan';
import { PEOPLE_OBJECT } from '../attio/object-slugs';
import type { PartneroClient } from '../partnero/partnero-client';
import type { CustomerSettings } from '../programs/program-settings';
import type { LinkRepository } from '../sync/link-repository';

/**
 * The Customers tab's other half of the preview: what the unsaved customer mapping would write
 * to Partnero for a real Attio person (Attio -> Partnero), field by field, and what would be
 * refused and why. It runs the worker's own plan (`planPersonCustomer`: find the customer by
 * link, key or email; only what differs is sent; a new customer needs a referring partner) and
 * makes only reads: one page of people from Attio, the customer lookups in Partnero, the links.
 */
export interface PartneroPreviewValue {
  /** The Partnero customer field. */
  readonly field: string;
  /** The Attio attribute it is read from; null for what the sync sets itself (a new customer's key and partner). */
  readonly attribute: string | null;
  /** What would be sent (JSON text); null when nothing is. */
  readonly write: string | null;
  readonly outcome: 'write' | 'unchanged' | 'empty' | 'refused';
  readonly reason: string | null;
}

export interface PartneroSidePreview {
  /** The Attio person the preview was made from; null when the workspace has none yet. */
  readonly sample: { readonly object: string; readonly recordId: string; readonly email: string | null } | null;
  /** What Partnero would be asked: update a customer, create one, or nothing. */
  readonly action: 'update' | 'create' | 'none';
  /** The Partnero customer key updated or created; null when nothing would be. */
  readonly customer: string | null;
  readonly values: PartneroPreviewValue[];
  readonly notes: string[];
}

export interface CustomerPreviewSources {
  readonly programId: string;
  readonly attio: AttioClient;
  readonly partnero: PartneroClient;
  readonly links: Pick<LinkRepository, 'linksOfAttioRecord' | 'findByAttioRecordId'>;
}

/** How many people are read to find one with an email (a person without one is never matched). */
const SAMPLE_PAGE = 25;

export async function previewCustomerToPartnero(
  sources: CustomerPreviewSources,
  settings: CustomerSettings,
): Promise<PartneroSidePreview> {
  const people = await sources.attio.records.query(PEOPLE_OBJECT, { limit: SAMPLE_PAGE });
  const person = people.find((candidate) => emailsOf(candidate, 'email_addresses').length > 0) ?? people[0];
  if (!person)
    return {
      sample: null,
      action: 'none',
      customer: null,
      values: [],
      notes: ['The Attio workspace has no person yet, so there is nothing to preview.'],
    };
  const recordId = recordIdOf(person);
  const links = await sources.links.linksOfAttioRecord(sources.programId, recordId);
  const link = links.find((candidate) => candidate.kind === 'customer') ?? links[0];
  const reads = {
    customers: sources.partnero.customers,
    partnerLinkOf: (id: string) => sources.links.findByAttioRecordId(sources.programId, id, 'partner'),
  };
  const plan = await planPersonCustomer(reads, settings, person, link);
  const notes = [summaryOf(plan)];
  if (!settings.enabled) notes.push('Customer sync is off: nothing is written to Partnero until it is switched on.');
  return {
    sample: { object: PEOPLE_OBJECT, recordId, email: emailsOf(person, 'email_addresses')[0] ?? null },
    action: plan.action === 'update' || plan.action === 'create' ? plan.action : 'none',
    customer: plan.action === 'update' || plan.action === 'create' ? plan.customer.key : null,
    values: valuesOf(plan, settings),
    notes,
  };
}

function summaryOf(plan: PersonCustomerPlan): string {
  switch (plan.action) {
    case 'update':
      return `Partnero customer ${plan.customer.key} would be updated with what differs.`;
    case 'unchanged':
      return `Partnero customer ${plan.customer.key} already holds these values: nothing would be sent.`;
    case 'create':
      return `No Partnero customer has this person's email: one would be created with key ${plan.customer.key}.`;
    case 'none':
      return `Nothing would be sent to Partnero: ${plan.reason}.`;
  }
}

/** The customer fields a mapping row sets, by the Partnero field it names; the rest belong to Partnero. */
const writableFields: Record<string, readonly (keyof CustomerFields)[]> = {
  email: ['email'],
  full_name: ['name', 'surname'],
  name: ['name'],
  surname: ['surname'],
  tags: ['tags'],
};

function valuesOf(plan: PersonCustomerPlan, settings: CustomerSettings): PartneroPreviewValue[] {
  const values: PartneroPreviewValue[] = [];
  const seen = new Set<string>();
  for (const row of settings.fieldMappings) {
    const fields = writableFields[row.partneroField];
    if (!fields) {
      values.push({
        field: row.partneroField,
        attribute: row.attioAttribute,
        write: null,
        outcome: 'refused',
        reason: `Partnero keeps ${row.partneroField} itself: it is synced from Partnero to Attio only`,
      });
      continue;
    }
    for (const field of fields) {
      // A later row for the same field wins, as in customerFieldsFromPerson.
      if (seen.has(field))
        values.splice(
          values.findIndex((value) => value.field === field),
          1,
        );
      seen.add(field);
      values.push(valueOf(plan, field, row.attioAttribute));
    }
  }
  if (plan.action === 'create') {
    values.push({
      field: 'key',
      attribute: null,
      write: JSON.stringify(plan.customer.key),
      outcome: 'write',
      reason:
        "the Attio record id: stable when the email changes, so a retry meets Partnero's duplicate key instead of making a twin",
    });
    values.push({
      field: 'partner',
      attribute: settings.referringPartnerAttribute,
      write: JSON.stringify(plan.customer.partner),
      outcome: 'write',
      reason: 'the referring partner the person names, which Partnero requires',
    });
    // The person's first email is used when no row maps one.
    if (!seen.has('email') && plan.customer.email)
      values.push({
        field: 'email',
        attribute: 'email_addresses',
        write: JSON.stringify(plan.customer.email),
        outcome: 'write',
        reason: "the person's first email",
      });
  }
  return values;
}

function valueOf(plan: PersonCustomerPlan, field: keyof CustomerFields, attribute: string): PartneroPreviewValue {
  const desired = plan.desired[field];
  if (desired === undefined)
    return {
      field,
      attribute,
      write: null,
      outcome: 'empty',
      reason: 'the person has no value for it: Partnero keeps what it holds',
    };
  const write = JSON.stringify(desired);
  switch (plan.action) {
    case 'update':
      return plan.changes[field] !== undefined
        ? { field, attribute, write: JSON.stringify(plan.changes[field]), outcome: 'write', reason: null }
        : { field, attribute, write: null, outcome: 'unchanged', reason: `Partnero already holds ${write}` };
    case 'unchanged':
      return { field, attribute, write: null, outcome: 'unchanged', reason: `Partnero already holds ${write}` };
    case 'create':
      return { field, attribute, write: JSON.stringify(plan.customer[field]), outcome: 'write', reason: null };
    case 'none':
      return { field, attribute, write: null, outcome: 'refused', reason: plan.reason };
  }
}
