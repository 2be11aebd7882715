import { ProviderHttpError } from '../errors';
import type { PartneroClient } from '../partnero/partnero-client';
import type { PartneroRecordsPort } from './ports';

/**
 * The Partnero reads of this direction over the typed client. Each answers undefined when the
 * record no longer exists (deleted partners and customers stop resolving, refunded sales too).
 */
export function partneroRecordsOf(client: PartneroClient): PartneroRecordsPort {
  return {
    findPartner: (id) => client.partners.find({ id }),
    async findCustomer(key) {
      // `GET /customers/{x}` also resolves ids and emails: only the customer with this key will do.
      const customer = await client.customers.find(key);
      return customer?.key === key ? customer : undefined;
    },
    async findTransaction(key, options = {}) {
      try {
        const transaction = await client.transactions.get(key);
        return transaction.key === key && (!transaction.deleted_at || options.includeArchived === true)
          ? transaction
          : undefined;
      } catch (error) {
        if (error instanceof ProviderHttpError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}
