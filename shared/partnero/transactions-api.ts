import { ProviderHttpError } from '../errors';
import { dataEnvelope, statusOnlySchema } from './envelope-schemas';
import type { PartneroHttp } from './partnero-http';
import { partneroTransactionSchema, type PartneroTransaction } from './resource-schemas';

interface TransactionFields {
  /**
   * Partnero does NOT enforce unique keys: the same key twice records two transactions and pays
   * twice. Idempotency is the caller's (a claim per deal before calling, see the sync).
   */
  readonly key: string;
  /** ISO 4217 code; the program's currency when left out. */
  readonly amount_units?: string;
  readonly action?: string;
  readonly product_id?: string;
  readonly product_type?: string;
  /** false records the sale without a commission. */
  readonly rewardable?: boolean;
  /** Unix seconds, to backdate the sale. */
  readonly created_at?: number;
  readonly customer: { readonly key: string } | { readonly email: string };
}

/** `amount` lets Partnero compute the commission; `reward` sets it directly. */
export type NewTransaction = TransactionFields &
  ({ readonly amount: number; readonly reward?: never } | { readonly reward: number; readonly amount?: never });

const transactionData = dataEnvelope(partneroTransactionSchema);

export function transactionsApi(http: PartneroHttp) {
  const pathOf = (key: string) => `/transactions/${encodeURIComponent(key)}`;

  return {
    async create(transaction: NewTransaction): Promise<PartneroTransaction> {
      return (
        await http.send({
          operation: 'transactions.create',
          method: 'POST',
          path: '/transactions',
          body: transaction,
          schema: transactionData,
        })
      ).data;
    },

    /** Every transaction recorded under this key (several if it was sent twice); [] when none. */
    async findByKey(key: string): Promise<PartneroTransaction[]> {
      const found: PartneroTransaction[] = [];
      for await (const transaction of http.allPages({
        operation: 'transactions.list',
        path: '/transactions',
        query: { key, limit: 250 },
        schema: partneroTransactionSchema,
      })) {
        // The filter may match partially; a sibling key must never pass for this one.
        if (transaction.key === key) found.push(transaction);
      }
      return found;
    },

    /** With its rewards; a 404 throws ProviderHttpError. */
    async get(key: string): Promise<PartneroTransaction> {
      return (
        await http.send({ operation: 'transactions.get', method: 'GET', path: pathOf(key), schema: transactionData })
      ).data;
    },

    /**
     * Soft-deletes the transaction and its rewards, reversibly (`POST /transactions/{key}/archive`,
     * docs.partnero.com/api-reference/transactions/archive). `not_applied` is Partnero's 400
     * "Action failed" ("Transaction may already be archived"); `not_found` its 404.
     */
    async archive(key: string): Promise<'archived' | 'not_applied' | 'not_found'> {
      return (await statusAction(http, 'transactions.archive', `${pathOf(key)}/archive`)) ?? 'archived';
    },

    /**
     * Restores an archived transaction and its rewards "to their original state"
     * (`POST /transactions/{key}/revoke-archive`, docs.partnero.com/api-reference/transactions/restore).
     * `not_applied` is the 400 "Action failed" ("Transaction may not be archived or restoration failed").
     */
    async restore(key: string): Promise<'restored' | 'not_applied' | 'not_found'> {
      return (await statusAction(http, 'transactions.restore', `${pathOf(key)}/revoke-archive`)) ?? 'restored';
    },

    /** The refund: reverses the commission. Already gone is `not_found`, so a retried delete is not an error. */
    async delete(key: string): Promise<'deleted' | 'not_found'> {
      const answer = await http.sendOrNotFound({
        operation: 'transactions.delete',
        method: 'DELETE',
        path: pathOf(key),
        schema: statusOnlySchema,
      });
      return answer === undefined ? 'not_found' : 'deleted';
    },
  };
}

/** A `{"status": 1}` action; undefined when it was done, else why Partnero did nothing. */
async function statusAction(
  http: PartneroHttp,
  operation: string,
  path: string,
): Promise<'not_applied' | 'not_found' | undefined> {
  try {
    await http.send({ operation, method: 'POST', path, body: {}, schema: statusOnlySchema });
    return undefined;
  } catch (error) {
    if (error instanceof ProviderHttpError && error.status === 404) return 'not_found';
    if (error instanceof ProviderHttpError && error.status === 400) return 'not_applied';
    throw error;
  }
}
