import { syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { emailsOf, textOf } from './attio-record';
import { PEOPLE_OBJECT } from '../attio/object-slugs';
import type { DealFacts } from './deal-facts';
import { fetchRecord, type AttioSyncContext } from './sync-context';

export type DealCustomer =
  | { readonly found: true; readonly customerKey: string; readonly how: string }
  | { readonly found: false; readonly reason: string };

/**
 * The Partnero customer a won deal is paid for, through the deal's associated people in
 * Attio's order: a person linked to a customer (by the other direction, or by the customer
 * sync), else the person's `partnero_customer_key` tag, else a customer with one of the
 * person's emails. The link comes first because emails change; the email is the first match.
 * Emails never go into reasons: audit entries are shown to the program's users.
 */
export async function findDealCustomer(context: AttioSyncContext, deal: DealFacts): Promise<DealCustomer> {
  if (deal.peopleIds.length === 0)
    return { found: false, reason: 'the deal has no associated person, so Partnero cannot tell whose sale it is' };
  const misses: string[] = [];
  for (const personId of deal.peopleIds) {
    const link = await context.links.findByAttioRecordId(context.programId, personId, 'customer');
    if (link)
      return {
        found: true,
        customerKey: link.partneroId,
        how: `person ${personId} is linked to customer ${link.partneroId}`,
      };

    const person = await fetchRecord(context, PEOPLE_OBJECT, personId);
    if (!person) {
      misses.push(`person ${personId} no longer exists`);
      continue;
    }
    const tagged = textOf(person, syncAttributeSlugs.customerKey);
    if (tagged)
      return { found: true, customerKey: tagged, how: `person ${personId} is tagged with customer ${tagged}` };

    const emails = emailsOf(person, 'email_addresses');
    if (emails.length === 0) {
      misses.push(`person ${personId} has no email`);
      continue;
    }
    for (const email of emails) {
      const matches = (await context.partnero.customers.searchByEmail(email)).filter((customer) => !customer.deleted);
      if (matches.length === 1)
        return {
          found: true,
          customerKey: (matches[0] as { key: string }).key,
          how: `customer with the email of person ${personId}`,
        };
      if (matches.length > 1) misses.push(`${matches.length} Partnero customers share an email of person ${personId}`);
    }
    if (!misses.some((miss) => miss.includes(personId)))
      misses.push(`Partnero has no customer with an email of person ${personId}`);
  }
  return {
    found: false,
    reason: `Partnero does not know the deal's customer (${misses.join('; ')}); the commission is paid at the deal's next change once it does`,
  };
}
