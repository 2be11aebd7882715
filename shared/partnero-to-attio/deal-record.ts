import type { PartneroCustomer, PartneroTransaction } from '../partnero/resource-schemas';
import type { DealSettings } from '../programs/program-settings';
import type { AttioObjectSchema } from '../attio/attio-schema';
import { commissionValues } from './deal-commission-values';
import { readPartneroField, transactionAmount, transactionFields } from '../partnero/partnero-fields';
import { planRecordWrite, type PlannedValue, type RecordPlan } from './record-plan';
import { dealAttributeSlugs, PARTNERO_SOURCE, syncAttributeSlugs } from '../attio/sync-attribute-slugs';
import { formatMoney, fullName, personName, type StatusChoice } from '../attio/sync-values';
import { DEAL_OBJECT, PEOPLE_OBJECT } from '../attio/object-slugs';

export interface DealContext {
  readonly transaction: PartneroTransaction;
  /** The sale's customer as Partnero has it now; undefined when Partnero no longer knows it. */
  readonly customer: PartneroCustomer | undefined;
  /** The customer's Attio person, when there is one. */
  readonly personRecordId: string | undefined;
  readonly stage: StatusChoice;
  readonly ownerWorkspaceMemberId: string;
}

/** "Alice Brown — 99.99 EUR": who bought and for how much, in the sale's own currency. */
export function dealName(transaction: PartneroTransaction, customer: PartneroCustomer | undefined): string {
  const name = customer ? personName(customer.name, customer.surname) : null;
  const who = (name ? fullName(name) : '') || customer?.email || transaction.customer;
  return `${who} — ${formatMoney(transactionAmount(transaction))}`;
}

/**
 * The deal of a Partnero sale, asserted on `partnero_transaction_key`.
 *
 * Currency: Attio fixes the code of the `value` attribute for every deal. A sale in that
 * currency (or with none given, i.e. the program's own) fills `value`; a sale in another
 * currency leaves `value` empty rather than reinterpreting 100 EUR as 100 USD, and carries its
 * amount and currency in the name and its currency in `partnero_currency`.
 */
export function planDealRecord(context: DealContext, settings: DealSettings, schema: AttioObjectSchema): RecordPlan {
  return planRecordWrite(DEAL_OBJECT, syncAttributeSlugs.transactionKey, dealValues(context, settings), schema);
}

/** What the sale's deal is given, before the attributes' write forms (also what the settings preview shows). */
export function dealValues(context: DealContext, settings: Pick<DealSettings, 'fieldMappings'>): PlannedValue[] {
  const { transaction } = context;
  return [
    { slug: dealAttributeSlugs.name, value: dealName(transaction, context.customer) },
    { slug: dealAttributeSlugs.value, value: transactionAmount(transaction) },
    { slug: dealAttributeSlugs.stage, value: context.stage },
    {
      slug: dealAttributeSlugs.owner,
      value: { kind: 'workspace-member', workspaceMemberId: context.ownerWorkspaceMemberId },
    },
    {
      slug: dealAttributeSlugs.associatedPeople,
      value: context.personRecordId
        ? { kind: 'records', references: [{ object: PEOPLE_OBJECT, recordId: context.personRecordId }] }
        : null,
    },
    ...settings.fieldMappings.map((row) => ({
      slug: row.attioAttribute,
      value: readPartneroField('transaction', transactionFields, transaction, row.partneroField),
    })),
    { slug: syncAttributeSlugs.transactionKey, value: transaction.key },
    { slug: syncAttributeSlugs.source, value: PARTNERO_SOURCE },
    { slug: syncAttributeSlugs.transactionStatus, value: 'active', optional: true },
    {
      slug: syncAttributeSlugs.transactionCurrency,
      value: transaction.amount_units?.toUpperCase() ?? null,
      optional: true,
    },
    ...commissionValues(transaction),
  ];
}
