import { customerJson } from '../present/customer-json';
import { FieldErrors, type JsonObject } from './field-errors';
import { PartneroApiError, notFound } from './partnero-api-error';
import { findPartnerByReference, hasPartnerReference } from './partner-operations';
import type { ProgramData } from './program-data';
import { newCustomerId } from './random-keys';
import type { CustomerRecord } from './records';

/**
 * Creates a customer of an affiliate program. The key is unique (422 "Duplicate key", which
 * makes create safe to repeat); the referring partner is mandatory and must exist (400).
 */
export function createCustomer(data: ProgramData, body: JsonObject): CustomerRecord {
  const errors = new FieldErrors();
  const key = errors.string(body, 'key', { required: true, max: 255 });
  const email = errors.string(body, 'email', { email: true, max: 255 });
  const name = errors.string(body, 'name', { max: 255 });
  const surname = errors.string(body, 'surname', { max: 255 });
  const tags = errors.tags(body);
  if (!hasPartnerReference(body.partner)) errors.add('partner', 'The partner field is required.');
  errors.throwIfAny();

  if (data.customerByKey(key as string)) throw new PartneroApiError(422, 'Duplicate key', { key: ['Duplicate key'] });
  const partner = findPartnerByReference(data, body.partner as JsonObject);
  if (partner === undefined) throw new PartneroApiError(400, 'Invalid partner key');

  const now = data.now();
  const customer: CustomerRecord = {
    id: newCustomerId(),
    key: key as string,
    email: email ?? null,
    name: name ?? null,
    surname: surname ?? null,
    partnerId: partner.id,
    status: 'active',
    tags: tags ?? [],
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  data.customers.push(customer);
  data.emit('customer.created', customerJson(customer));
  return customer;
}

export function updateCustomer(data: ProgramData, customer: CustomerRecord, changes: JsonObject): CustomerRecord {
  const errors = new FieldErrors();
  const email = errors.string(changes, 'email', { email: true, max: 255, prefix: 'update.' });
  const name = errors.string(changes, 'name', { max: 255, prefix: 'update.' });
  const surname = errors.string(changes, 'surname', { max: 255, prefix: 'update.' });
  const key = errors.string(changes, 'key', { max: 255, prefix: 'update.' });
  const tags = errors.tags(changes);
  errors.throwIfAny();
  if (key && key !== customer.key && data.customerByKey(key))
    throw new PartneroApiError(422, 'Duplicate key', { 'update.key': ['Duplicate key'] });

  if (email !== undefined) customer.email = email;
  if (name !== undefined) customer.name = name;
  if (surname !== undefined) customer.surname = surname;
  if (key) renameCustomerKey(data, customer, key);
  if (Array.isArray(tags)) customer.tags = tags;
  customer.updated_at = data.now();
  data.emit('customer.updated', customerJson(customer));
  return customer;
}

/** Permanent through the API; kept here, marked deleted, for the control surface. */
export function deleteCustomer(data: ProgramData, customer: CustomerRecord): void {
  if (customer.deleted_at !== null) throw notFound('Customer');
  customer.deleted_at = data.now();
  data.emit('customer.deleted', customerJson(customer));
}

export function archiveCustomer(data: ProgramData, customer: CustomerRecord, archived: boolean): void {
  if ((customer.status === 'archived') === archived) throw new PartneroApiError(400, 'Action failed');
  customer.status = archived ? 'archived' : 'active';
  customer.updated_at = data.now();
}

/** Transactions reference their customer by key, so a rename carries them along. */
function renameCustomerKey(data: ProgramData, customer: CustomerRecord, key: string): void {
  const previous = customer.key;
  customer.key = key;
  for (const [index, transaction] of data.transactions.entries()) {
    if (transaction.customerKey !== previous) continue;
    data.transactions[index] = {
      ...transaction,
      customerKey: key,
      rewards: transaction.rewards.map((reward) => ({ ...reward, customer: key })),
    };
  }
}
