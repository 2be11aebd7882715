/**
 * The longest provider id the service stores. Ids become parts of DynamoDB keys
 * (`LINK#attio#<record id>#<kind>`, `CLAIM#deal#<record id>`), and DynamoDB refuses a sort key over
 * 1,024 bytes: 200 characters are at most 800 bytes of UTF-8, which leaves room for the prefixes.
 * The providers' own ids are far shorter (Attio: UUIDs; Partnero: short keys), so a longer one is
 * refused where it enters, with this reason, instead of failing every retry of a worker later.
 */
export const MAX_PROVIDER_ID_LENGTH = 200;
