import type { ProgramSettings } from '../programs/program-settings';
import { dealAttributeSlugs, syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';

/**
 * The Attio attributes whose changes this direction acts on, per object, under the program's
 * settings: the program's Attio webhook subscribes to `record.updated` for these alone, so a
 * change to anything else (a note field, a phone number, a formula) is never delivered.
 *
 * - deals (deal sync on): the stage (`dealStanding`), the value and the associated people
 *   (`pay`, `findDealCustomer`) and the transaction tag (`mirroredTransactionKey`);
 * - people (customer sync on): the emails a customer is found by, the customer tag, every
 *   attribute of the customer mapping (`customerFieldsFromPerson`) and the attribute naming the
 *   referring partner (`readReferringPartner`);
 * - any other object: nothing; its record events only move links on a merge.
 *
 * Records created, deleted or merged are subscribed to whatever changed.
 */
export function attributesReadFromAttio(object: string, settings: ProgramSettings): string[] {
  if (object === DEAL_OBJECT) {
    if (!settings.deals.enabled) return [];
    return unique([
      dealAttributeSlugs.stage,
      dealAttributeSlugs.value,
      dealAttributeSlugs.associatedPeople,
      syncAttributeSlugs.transactionKey,
    ]);
  }
  if (object === PEOPLE_OBJECT) {
    const customers = settings.customers;
    if (!customers.enabled) return [];
    return unique([
      'email_addresses',
      syncAttributeSlugs.customerKey,
      ...customers.fieldMappings.map((row) => row.attioAttribute),
      ...(customers.referringPartnerAttribute ? [customers.referringPartnerAttribute] : []),
    ]);
  }
  return [];
}

function unique(slugs: string[]): string[] {
  return [...new Set(slugs)];
}
