import type { AttioAttributeInfo, AttioStatusInfo } from '../../../shared/attio/attio-schema';
import { objectSchemaOf } from '../../../shared/attio/attio-schema';

export function attribute(slug: string, type: string, flags: Partial<AttioAttributeInfo> = {}): AttioAttributeInfo {
  return { slug, type, isMultiselect: false, isUnique: false, currencyCode: null, ...flags };
}

const sync = (slug: string, unique = false) => attribute(slug, 'text', { isUnique: unique });

/** Attio's people object with the sync's attributes, as the connect flow leaves it. */
export const peopleAttributes = [
  attribute('email_addresses', 'email-address', { isMultiselect: true, isUnique: true }),
  attribute('name', 'personal-name'),
  attribute('job_title', 'text'),
  sync('partnero_partner_id', true),
  sync('partnero_customer_key', true),
  sync('partnero_source'),
  sync('partnero_partner_status'),
  sync('partnero_customer_status'),
];

export const companyAttributes = [
  attribute('domains', 'domain', { isMultiselect: true, isUnique: true }),
  attribute('name', 'text'),
  sync('partnero_partner_id', true),
  sync('partnero_source'),
  sync('partnero_partner_status'),
];

export const dealAttributes = [
  attribute('name', 'text'),
  attribute('value', 'currency', { currencyCode: 'USD' }),
  attribute('stage', 'status'),
  attribute('owner', 'actor-reference'),
  attribute('associated_people', 'record-reference', { isMultiselect: true }),
  sync('partnero_transaction_key', true),
  sync('partnero_source'),
  sync('partnero_transaction_status'),
  sync('partnero_currency'),
  attribute('partnero_commission_amount', 'number'),
  sync('partnero_commission_currency'),
  sync('partnero_commission_partner'),
  sync('partnero_commission_status'),
];

export const dealStages: AttioStatusInfo[] = [
  { statusId: 'stage-lead', title: 'Lead', isArchived: false },
  { statusId: 'stage-progress', title: 'In Progress', isArchived: false },
  { statusId: 'stage-won', title: 'Won 🎉', isArchived: false },
  { statusId: 'stage-lost', title: 'Lost', isArchived: false },
];

export const peopleSchema = objectSchemaOf(peopleAttributes);
export const companySchema = objectSchemaOf(companyAttributes);
export const dealSchema = objectSchemaOf(dealAttributes);
