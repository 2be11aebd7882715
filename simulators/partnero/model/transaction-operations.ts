import { transactionJson } from '../present/transaction-json';
import { createCustomer } from './customer-operations';
import { FieldErrors, isJsonObject, type JsonObject } from './field-errors';
import { PartneroApiError, notFound } from './partnero-api-error';
import type { ProgramData } from './program-data';
import { partneroTimestamp } from './clock';
import { newTransactionKey } from './random-keys';
import type { CustomerRecord, RewardRecord, TransactionRecord } from './records';

interface TransactionInput {
  key: string;
  amount: number;
  reward: number | undefined;
  amountUnits: string;
  action: string;
  rewardable: boolean;
  productId: string | null;
  productType: string | null;
  createdAt: string;
}

/**
 * `POST /transactions`, single or bulk (`transactions: [...]` with one `customer`). Keys are NOT
 * unique, as in the real API: the same key twice is two sales and two commissions, unless the
 * program was set up to reject duplicates. Nothing is written unless every item is valid.
 */
export function createTransactions(data: ProgramData, body: JsonObject): TransactionRecord[] {
  const bulk = Array.isArray(body.transactions);
  const items = bulk ? (body.transactions as unknown[]) : [body];
  const errors = new FieldErrors();
  if (!isJsonObject(body.customer)) errors.add('customer', 'The customer field is required.');
  if (bulk && items.length === 0) errors.add('transactions', 'The transactions field must have at least 1 items.');
  const inputs = items.map((item, index) =>
    readTransaction(data, isJsonObject(item) ? item : {}, errors, bulk ? `transactions.${index}.` : ''),
  );
  errors.throwIfAny();
  if (data.program.rejectDuplicateTransactionKeys) {
    const keys = inputs.map((input) => input.key);
    if (keys.some((key, index) => data.transactionsByKey(key).length > 0 || keys.indexOf(key) !== index)) {
      throw new PartneroApiError(422, 'Duplicate key', { key: ['Duplicate key'] });
    }
  }

  const customer = customerFor(data, body);
  const created = inputs.map((input) => record(data, customer, input));
  data.transactions.push(...created);
  for (const transaction of created) data.emit('transaction.created', transactionJson(transaction));
  return created;
}

/** The refund: every live transaction under the key is deleted and its rewards reversed. */
export function deleteTransactions(data: ProgramData, key: string): TransactionRecord[] {
  const matching = data.transactionsByKey(key);
  if (matching.length === 0) throw notFound('Transaction');
  const now = data.now();
  for (const transaction of matching) {
    transaction.deleted_at = now;
    for (const reward of transaction.rewards) {
      reward.status = 'reversed';
      reward.deleted_at = now;
    }
    data.emit('transaction.deleted', transactionJson(transaction));
  }
  return matching;
}

/**
 * `POST /transactions/{key}/archive` "soft-deletes a transaction and its associated rewards.
 * Unlike permanent deletion, archived transactions can be restored later"; `revoke-archive`
 * "restores a previously archived (soft-deleted) transaction and its associated rewards. The
 * transaction and rewards return to their original state." Both answer `{"status": 1}`, 404
 * "Transaction not found", or 400 "Action failed" when the transaction is already archived (or
 * not archived, for a restore) (docs.partnero.com/api-reference/transactions/archive, /restore;
 * partnero-php `Transactions::archive/revokeArchived`; the n8n node's Archive/Unarchive).
 *
 * What reads show of an archived transaction the docs leave open beyond "deleted_at: Deletion
 * timestamp if archived/refunded" on GET. The strictest reading is the default: an archived
 * transaction is out of `GET /transactions/{key}` (404) and the list, like a deleted one, so a
 * client cannot tell the two apart by reading. `archivedTransactionsReadable` shows it instead,
 * with `deleted_at` set on it and on its rewards. No webhook is documented for either action,
 * so none is sent. The rewards keep their status; their `deleted_at` is what stops them counting.
 */
export function archiveTransactions(data: ProgramData, key: string, archived: boolean): void {
  const matching = data.transactionsByKey(key);
  if (matching.length === 0) throw notFound('Transaction');
  const affected = matching.filter((transaction) => (transaction.archived_at !== null) !== archived);
  if (affected.length === 0) throw new PartneroApiError(400, 'Action failed');
  const at = archived ? data.now() : null;
  for (const transaction of affected) {
    transaction.archived_at = at;
    for (const reward of transaction.rewards) reward.deleted_at = at;
  }
}

/** What the API's reads show: live transactions, and archived ones only where the program says so. */
export function readableTransaction(data: ProgramData, transaction: TransactionRecord): boolean {
  return transaction.archived_at === null || data.program.archivedTransactionsReadable;
}

function readTransaction(data: ProgramData, item: JsonObject, errors: FieldErrors, prefix: string): TransactionInput {
  const key = errors.string(item, 'key', { max: 255, prefix });
  const amount = errors.number(item, 'amount');
  const reward = errors.number(item, 'reward');
  if (amount === undefined && reward === undefined)
    errors.add(`${prefix}amount`, `The ${prefix}amount field is required when ${prefix}reward is not present.`);
  const amountUnits = errors.string(item, 'amount_units', { max: 3, prefix });
  const action = errors.string(item, 'action', { max: 255, prefix });
  const rewardable = errors.boolean(item, 'rewardable');
  const productId = errors.string(item, 'product_id', { prefix });
  const productType = errors.string(item, 'product_type', { prefix });
  return {
    key: key ?? newTransactionKey(),
    amount: amount ?? 0,
    reward,
    amountUnits: (amountUnits ?? data.program.currency).toUpperCase(),
    action: action ?? 'sale',
    rewardable: rewardable ?? true,
    productId: productId ?? null,
    productType: productType ?? null,
    createdAt: createdAtOf(data, item.created_at),
  };
}

/** The customer by `customer.key|email|id`, created on the spot when `options.create_customer` asks for it. */
function customerFor(data: ProgramData, body: JsonObject): CustomerRecord {
  const reference = body.customer as JsonObject;
  const existing = [reference.key, reference.id, reference.email]
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .map((identifier) => data.customerByAnyIdentifier(identifier))
    .find((customer) => customer !== undefined);
  if (existing) return existing;
  const options = isJsonObject(body.options) ? body.options : {};
  if (options.create_customer !== true && options.create_customer !== 'true' && options.create_customer !== 1)
    throw notFound('Customer');
  // The older docs put the partner beside the customer; the current ones inside it.
  const partner = reference.partner ?? body.partner;
  return createCustomer(data, { ...reference, partner, options: undefined });
}

function record(data: ProgramData, customer: CustomerRecord, input: TransactionInput): TransactionRecord {
  const rewardAmount = input.reward ?? (input.amount * data.program.commissionPercent) / 100;
  const productTypeData: Record<string, string> = {};
  if (input.productId) productTypeData.product_id = input.productId;
  if (input.productType) productTypeData.product_type = input.productType;
  const rewards: RewardRecord[] = input.rewardable
    ? [
        {
          key: input.key,
          action: input.action,
          status: 'ok',
          customer: customer.key,
          partner: customer.partnerId,
          amount: rewardAmount,
          amount_units: input.amountUnits,
          created_at: input.createdAt,
          deleted_at: null,
          product_type_data: productTypeData,
        },
      ]
    : [];
  return {
    sequence: data.nextTransactionSequence(),
    key: input.key,
    action: input.action,
    amount: input.amount,
    amount_units: input.amountUnits,
    customerKey: customer.key,
    partnerId: customer.partnerId,
    productId: input.productId,
    productType: input.productType,
    rewards,
    created_at: input.createdAt,
    archived_at: null,
    deleted_at: null,
  };
}

/** `created_at` backdates a sale: a unix timestamp per the docs, a date string from n8n. */
function createdAtOf(data: ProgramData, value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return partneroTimestamp(new Date(value * 1000));
  if (typeof value === 'string' && value !== '') {
    const parsed = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
    if (Number.isFinite(parsed)) return partneroTimestamp(new Date(parsed));
  }
  return data.now();
}
