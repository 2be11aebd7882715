/**
 * The Attio attributes this direction writes besides the program's own field mappings.
 *
 * The tag attributes are unique text attributes the connect flow creates (named in
 * `shared/programs/attio-sync-attributes.ts`); every write asserts on one of them, so a record
 * is found again by its Partnero identity, never by a mutable value such as an email.
 * The status and currency attributes are optional: when a workspace lacks one, that value is
 * left out of the write instead of failing it.
 */
export const syncAttributeSlugs = {
  partnerId: 'partnero_partner_id',
  customerKey: 'partnero_customer_key',
  transactionKey: 'partnero_transaction_key',
  /** Text marker on every record the service writes, so users can filter "came from Partnero". */
  source: 'partnero_source',
  /** Partnero's lifecycle state of the partner, customer or sale (one attribute per kind: a person can be both). */
  partnerStatus: 'partnero_partner_status',
  customerStatus: 'partnero_customer_status',
  transactionStatus: 'partnero_transaction_status',
  /** The sale's own currency: Attio fixes a currency attribute's code, so it is carried here too. */
  transactionCurrency: 'partnero_currency',
} as const;

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
