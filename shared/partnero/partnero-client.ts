import { ProviderHttpError } from '../errors';
import { customersApi } from './customers-api';
import { createPartneroHttp, type PartneroHttpOptions } from './partnero-http';
import { partnersApi } from './partners-api';
import { pageEnvelope } from './envelope-schemas';
import { partneroPartnerSchema } from './resource-schemas';
import { transactionsApi } from './transactions-api';
import { webhooksApi } from './webhooks-api';

export type PartneroClientOptions = PartneroHttpOptions;
export type PartneroClient = ReturnType<typeof createPartneroClient>;

/**
 * The sync's typed Partnero client for one program (one API key). Every answer is parsed with
 * zod; failures arrive as the sync's error family (see `partnero-errors.ts`).
 */
export function createPartneroClient(options: PartneroClientOptions) {
  const http = createPartneroHttp(options);
  return {
    partners: partnersApi(http),
    customers: customersApi(http),
    transactions: transactionsApi(http),
    webhooks: webhooksApi(http),

    /** True when Partnero accepts the key; false on 401/403. The call is one partner list item. */
    async verifyApiKey(): Promise<boolean> {
      try {
        await http.send({
          operation: 'verifyApiKey',
          method: 'GET',
          path: '/partners',
          query: { limit: 1 },
          schema: pageEnvelope(partneroPartnerSchema),
        });
        return true;
      } catch (error) {
        if (error instanceof ProviderHttpError && (error.status === 401 || error.status === 403)) return false;
        throw error;
      }
    },
  };
}
