import { attioSyncAttributeSlugs } from '../programs/attio-sync-attributes';

/**
 * The Attio attributes the sync writes besides the program's own field mappings, as the
 * connect flow creates them (`shared/programs/attio-sync-attributes.ts`, the one source of the
 * names). Every write asserts on a unique tag (`partnero_partner_id`, `partnero_customer_key`,
 * `partnero_transaction_key`), so a record is found again by its Partnero identity, never by a
 * mutable value such as an email. The status and currency attributes are optional here: when a
 * workspace lacks one, that value is left out of the write (with a note) instead of failing it.
 */
export const syncAttributeSlugs = attioSyncAttributeSlugs;

/** The value of the source marker. */
export const PARTNERO_SOURCE = 'Partnero';

/** Standard deal attributes (Attio's deals object). */
export const dealAttributeSlugs = {
  name: 'name',
  value: 'value',
  stage: 'stage',
  owner: 'owner',
  associatedPeople: 'associated_people',
} as const;
