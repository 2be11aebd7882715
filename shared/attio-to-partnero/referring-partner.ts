import type { PartnerReference } from '../partnero/partners-api';
import { referencedIdsOf, textOf, type AttioRecord } from './attio-record';

/**
 * Who referred a person, read from the attribute the customer settings name. Partnero requires
 * a partner to create a customer in an affiliate program, so a person without one is never
 * created there.
 *
 * - a record reference (e.g. to the partner's own person or company): that record, resolved
 *   through the partner's link to its Partnero id by the caller;
 * - an email: the partner with that email;
 * - any other text (or a select option): the partner's referral key, the value partners share
 *   in their links and that sales teams are given.
 */
export type ReferringPartner =
  | { readonly kind: 'partner'; readonly reference: PartnerReference }
  | { readonly kind: 'linked-record'; readonly recordId: string };

export function readReferringPartner(person: AttioRecord, attributeSlug: string): ReferringPartner | undefined {
  const referenced = referencedIdsOf(person, attributeSlug)[0];
  if (referenced) return { kind: 'linked-record', recordId: referenced };
  const text = textOf(person, attributeSlug);
  if (!text) return undefined;
  return {
    kind: 'partner',
    reference: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text) ? { email: text.toLowerCase() } : { key: text },
  };
}
