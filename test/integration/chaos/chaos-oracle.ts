import { attioSyncAttributeSlugs as slugs } from '../../../shared/programs/attio-sync-attributes';
import type { OracleModel, Stage } from './chaos-script';

/** An Attio record as the simulator's control surface returns it. */
export type AttioRecordJson = {
  id: { record_id: string };
  values: Record<string, Record<string, unknown>[] | undefined>;
};

/** What both providers hold at the end of a soak. */
export interface FinalState {
  readonly people: AttioRecordJson[];
  readonly deals: AttioRecordJson[];
  readonly transactions: readonly {
    key: string;
    amount: number;
    customer: string | null;
    deleted_at?: string | null;
  }[];
  readonly customers: readonly { key: string; email?: string | null; surname?: string | null; deleted?: boolean }[];
  /** Partnero ids of the model's partners, Attio record ids of its deals, by their place in the stream. */
  readonly partnerIds: readonly string[];
  readonly dealRecordIds: readonly string[];
  readonly stageIds: Record<Stage, string>;
}

function current(record: AttioRecordJson | undefined, slug: string): Record<string, unknown>[] {
  return (record?.values[slug] ?? []).filter((value) => !value.active_until);
}

function text(record: AttioRecordJson | undefined, slug: string): unknown {
  return current(record, slug)[0]?.value;
}

/**
 * Every difference between the final state and the model, in words (empty when they agree):
 * each partner, customer and deal present exactly once with its last values, one live
 * Partnero transaction per Partnero sale and per won deal, none for a deal that is not won.
 */
export function differencesFromModel(model: OracleModel, state: FinalState): string[] {
  const differences: string[] = [];
  const expectOne = <T>(what: string, found: T[]): T | undefined => {
    if (found.length !== 1) differences.push(`${what}: ${found.length} records instead of 1`);
    return found[0];
  };

  model.partners.forEach((partner, index) => {
    const id = state.partnerIds[index];
    const person = expectOne(
      `partner ${index} (${id})`,
      state.people.filter((record) => text(record, slugs.partnerId) === id),
    );
    if (!person) return;
    const name = current(person, 'name')[0];
    if (name?.first_name !== partner.name || name?.last_name !== partner.surname)
      differences.push(
        `partner ${index}: Attio name ${String(name?.full_name)}, expected ${partner.name} ${partner.surname}`,
      );
    const email = current(person, 'email_addresses')[0]?.email_address;
    if (email !== partner.email)
      differences.push(`partner ${index}: Attio email ${String(email)}, expected ${partner.email}`);
  });

  model.customers.forEach((customer, index) => {
    const person = expectOne(
      `customer ${customer.key}`,
      state.people.filter((record) => text(record, slugs.customerKey) === customer.key),
    );
    const name = current(person, 'name')[0];
    if (person && (name?.first_name !== customer.name || name?.last_name !== customer.surname)) {
      differences.push(
        `customer ${customer.key}: Attio name ${String(name?.full_name)}, expected ${customer.name} ${customer.surname}`,
      );
    }
    const inPartnero = state.customers.filter((candidate) => candidate.key === customer.key && !candidate.deleted);
    const partneroCustomer = expectOne(`Partnero customer ${customer.key} (${index})`, inPartnero);
    if (partneroCustomer && partneroCustomer.surname !== customer.surname)
      differences.push(
        `Partnero customer ${customer.key}: surname ${String(partneroCustomer.surname)}, expected ${customer.surname}`,
      );
  });
  const expectedPeople = model.partners.length + model.customers.length;
  if (state.people.length !== expectedPeople)
    differences.push(`Attio holds ${state.people.length} people, expected ${expectedPeople}`);
  const liveCustomers = state.customers.filter((customer) => !customer.deleted).length;
  if (liveCustomers !== model.customers.length)
    differences.push(`Partnero holds ${liveCustomers} customers, expected ${model.customers.length}`);

  const live = state.transactions.filter((transaction) => !transaction.deleted_at);
  for (const sale of model.sales) {
    const deal = expectOne(
      `deal of sale ${sale.key}`,
      state.deals.filter((record) => text(record, slugs.transactionKey) === sale.key),
    );
    const value = current(deal, 'value')[0]?.currency_value;
    if (deal && value !== sale.amount)
      differences.push(`deal of sale ${sale.key}: value ${String(value)}, expected ${sale.amount}`);
    expectOne(
      `Partnero transaction ${sale.key}`,
      live.filter((transaction) => transaction.key === sale.key),
    );
  }

  let won = 0;
  model.deals.forEach((deal, index) => {
    const recordId = state.dealRecordIds[index] as string;
    const record = expectOne(
      `Attio deal ${index}`,
      state.deals.filter((candidate) => candidate.id.record_id === recordId),
    );
    const stage = (current(record, 'stage')[0]?.status as { id?: { status_id?: string } } | undefined)?.id?.status_id;
    if (record && stage !== state.stageIds[deal.stage])
      differences.push(
        `Attio deal ${index}: stage ${String(stage)}, expected ${deal.stage} (the sync must not move a person's deal)`,
      );
    const transactions = live.filter((transaction) => transaction.key === recordId);
    if (deal.stage === 'won') {
      won += 1;
      const transaction = expectOne(`commission of won deal ${index} (${recordId})`, transactions);
      if (transaction && transaction.amount !== deal.amount)
        differences.push(`commission of deal ${index}: amount ${transaction.amount}, expected ${deal.amount}`);
      const customerKey = model.customers[deal.customer]?.key;
      if (transaction && transaction.customer !== customerKey)
        differences.push(
          `commission of deal ${index}: customer ${String(transaction.customer)}, expected ${String(customerKey)}`,
        );
    } else if (transactions.length > 0) {
      differences.push(
        `deal ${index} (${recordId}) is ${deal.stage} but has ${transactions.length} live Partnero transaction(s)`,
      );
    }
  });
  const expectedTransactions = model.sales.length + won;
  if (live.length !== expectedTransactions)
    differences.push(
      `Partnero holds ${live.length} live transactions, expected ${expectedTransactions} (${model.sales.length} sales + ${won} won deals)`,
    );
  return differences;
}
