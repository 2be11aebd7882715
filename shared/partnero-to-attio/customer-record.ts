import type { PartneroCustomer } from '../partnero/resource-schemas';
import type { CustomerSettings } from '../programs/program-settings';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { customerFields, readPartneroField } from '../partnero/partnero-fields';
import { planRecordWrite, type PlannedValue, type RecordPlan } from './record-plan';
import { PARTNERO_SOURCE, syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { PEOPLE_OBJECT } from '../attio/object-slugs';

/** A customer's state as shown in Attio: Partnero's status, or `deleted` once Partnero no longer has it. */
export function customerStatusLabel(customer: PartneroCustomer | undefined): string {
  if (!customer || customer.deleted === true || customer.deleted_at) return 'deleted';
  return customer.status ?? 'active';
}

/** The customer's person: mapped fields, tag, source marker and status. */
export function planCustomerPerson(
  customer: PartneroCustomer,
  status: string,
  settings: CustomerSettings,
  schema: AttioObjectSchema,
): RecordPlan {
  return planRecordWrite(
    PEOPLE_OBJECT,
    syncAttributeSlugs.customerKey,
    customerValues(customer, status, settings),
    schema,
  );
}

/** What the customer's person is given, before the attributes' write forms (also what the settings preview shows). */
export function customerValues(
  customer: PartneroCustomer,
  status: string,
  settings: Pick<CustomerSettings, 'fieldMappings'>,
): PlannedValue[] {
  return [
    ...settings.fieldMappings.map((row) => ({
      slug: row.attioAttribute,
      value: readPartneroField('customer', customerFields, customer, row.partneroField),
    })),
    { slug: syncAttributeSlugs.customerKey, value: customer.key },
    { slug: syncAttributeSlugs.source, value: PARTNERO_SOURCE },
    { slug: syncAttributeSlugs.customerStatus, value: status, optional: true },
  ];
}
