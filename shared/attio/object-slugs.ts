/**
 * The api slugs of Attio's standard objects the sync reads and writes: customers land in people,
 * transactions in deals, and partners in the object the program chose (people or companies).
 * Every flow names these objects by slug, so they are spelled here once.
 */
export const PEOPLE_OBJECT = 'people';
export const DEAL_OBJECT = 'deals';
export const COMPANY_OBJECT = 'companies';
