/**
 * A value on its way from Partnero to an Attio attribute, before it takes the attribute's
 * write form. Plain values cover Partnero's fields; the tagged ones carry what a plain value
 * cannot: a split name, an amount with its currency, a stage, an owner, linked records.
 */
export interface PersonName {
  readonly kind: 'person-name';
  readonly firstName: string;
  readonly lastName: string;
}

export interface Money {
  readonly kind: 'money';
  readonly amount: number;
  /** ISO 4217 as Partnero sent it; null when Partnero assumed the program's currency. */
  readonly currency: string | null;
}

export interface StatusChoice {
  readonly kind: 'status';
  readonly statusId: string;
  readonly title: string;
}

export interface WorkspaceMemberReference {
  readonly kind: 'workspace-member';
  readonly workspaceMemberId: string;
}

export interface RecordReferences {
  readonly kind: 'records';
  readonly references: readonly { readonly object: string; readonly recordId: string }[];
}

export type TaggedValue = PersonName | Money | StatusChoice | WorkspaceMemberReference | RecordReferences;
export type SyncValue = string | number | boolean | readonly string[] | TaggedValue | null;

export function isTaggedValue(value: SyncValue): value is TaggedValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function personName(
  firstName: string | null | undefined,
  lastName: string | null | undefined,
): PersonName | null {
  const first = (firstName ?? '').trim();
  const last = (lastName ?? '').trim();
  return first || last ? { kind: 'person-name', firstName: first, lastName: last } : null;
}

export function fullName(name: PersonName): string {
  return [name.firstName, name.lastName].filter(Boolean).join(' ');
}

/** `99.99 EUR`: amounts keep the precision Partnero sent, at least two decimals. */
export function formatMoney(money: Money): string {
  const [whole, fraction = ''] = String(money.amount).split('.');
  const amount = `${whole}.${fraction.padEnd(2, '0')}`;
  return money.currency ? `${amount} ${money.currency}` : amount;
}
