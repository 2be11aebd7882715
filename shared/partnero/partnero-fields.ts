import { PermanentError } from '../errors';
import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from './resource-schemas';
import type { LinkedKind } from '../sync/link-repository';
import { personName, type Money, type SyncValue } from '../attio/sync-values';

/**
 * The Partnero fields a program can map to Attio attributes, per kind of record. The names
 * are what the settings' `partneroField` holds; each reads one value off Partnero's resource.
 */
type FieldReaders<Resource> = Readonly<Record<string, (resource: Resource) => SyncValue>>;

const tagValues = (tags: readonly { value: string }[] | null | undefined): readonly string[] =>
  (tags ?? []).map((tag) => tag.value);
const emailDomain = (email: string | null | undefined): string | null => email?.split('@')[1]?.toLowerCase() ?? null;

export const partnerFields: FieldReaders<PartneroPartner> = {
  id: (partner) => partner.id,
  key: (partner) => partner.key ?? null,
  email: (partner) => partner.email,
  email_domain: (partner) => emailDomain(partner.email),
  name: (partner) => partner.name ?? null,
  surname: (partner) => partner.surname ?? null,
  full_name: (partner) => personName(partner.name, partner.surname),
  status: (partner) => partner.status ?? null,
  approved: (partner) => partner.approved ?? null,
  referral_link: (partner) => partner.referral_link ?? null,
  tags: (partner) => tagValues(partner.tags),
  created_at: (partner) => partner.created_at ?? null,
};

export const customerFields: FieldReaders<PartneroCustomer> = {
  key: (customer) => customer.key,
  email: (customer) => customer.email ?? null,
  email_domain: (customer) => emailDomain(customer.email),
  name: (customer) => customer.name ?? null,
  surname: (customer) => customer.surname ?? null,
  full_name: (customer) => personName(customer.name, customer.surname),
  partner: (customer) => customer.partner ?? null,
  status: (customer) => customer.status ?? null,
  tags: (customer) => tagValues(customer.tags),
  created_at: (customer) => customer.created_at ?? null,
};

export const transactionFields: FieldReaders<PartneroTransaction> = {
  key: (transaction) => transaction.key,
  amount: (transaction) => transactionAmount(transaction),
  amount_units: (transaction) => transaction.amount_units?.toUpperCase() ?? null,
  commission: (transaction) => transactionCommission(transaction),
  action: (transaction) => transaction.action ?? null,
  customer: (transaction) => transaction.customer,
  partner: (transaction) => transaction.partner ?? null,
  created_at: (transaction) => transaction.created_at ?? null,
};

export const partneroFieldsByKind = {
  partner: partnerFields,
  customer: customerFields,
  transaction: transactionFields,
} as const;

export function transactionAmount(transaction: PartneroTransaction): Money {
  return { kind: 'money', amount: transaction.amount, currency: transaction.amount_units?.toUpperCase() ?? null };
}

/** The partner's commission on the sale: the sum of its rewards still in force. */
export function transactionCommission(transaction: PartneroTransaction): Money | null {
  const rewards = (transaction.rewards ?? []).filter((reward) => reward.status !== 'reversed' && !reward.deleted_at);
  if (rewards.length === 0) return null;
  const amount = rewards.reduce((sum, reward) => sum + reward.amount, 0);
  return {
    kind: 'money',
    amount: Math.round(amount * 10_000) / 10_000,
    currency: rewards[0]?.amount_units?.toUpperCase() ?? null,
  };
}

/** Reads a mapped field; a field the program mapped but Partnero has no reader for is a settings error. */
export function readPartneroField<Resource>(
  kind: LinkedKind,
  readers: FieldReaders<Resource>,
  resource: Resource,
  field: string,
): SyncValue {
  const read = Object.hasOwn(readers, field) ? readers[field] : undefined;
  if (!read)
    throw new PermanentError(
      'settings:unknown-partnero-field',
      `the ${kind} mapping names "${field}", which is not a Partnero ${kind} field (known: ${Object.keys(readers).join(', ')})`,
    );
  return read(resource);
}
