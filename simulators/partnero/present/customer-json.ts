import type { CustomerRecord } from '../model/records';

/** A customer as the docs show it; `partner` is the referring partner's id. */
export function customerJson(customer: CustomerRecord) {
  return {
    key: customer.key,
    partner: customer.partnerId,
    deleted: customer.deleted_at !== null,
    name: customer.name,
    surname: customer.surname,
    email: customer.email,
    status: customer.status,
    created_at: customer.created_at,
    updated_at: customer.updated_at,
    deleted_at: customer.deleted_at,
    tags: customer.tags.map((value) => ({ value })),
  };
}
