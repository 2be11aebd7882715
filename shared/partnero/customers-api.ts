import { dataEnvelope, statusOnlySchema } from './envelope-schemas';
import type { PartneroHttp, PartneroPage } from './partnero-http';
import type { PartnerReference } from './partners-api';
import { partneroCustomerSchema, type PartneroCustomer } from './resource-schemas';
import * as z from 'zod';

export interface NewCustomer {
  /** Ours to choose and unique: a second create with the same key is refused (422 "Duplicate key"). */
  readonly key: string;
  readonly email?: string;
  readonly name?: string;
  readonly surname?: string;
  readonly tags?: string[];
  /** Required in affiliate programs; an unknown partner is refused (400 "Invalid partner key"). */
  readonly partner: PartnerReference;
  readonly options?: { readonly referral_url?: string };
}

export interface CustomerChanges {
  readonly email?: string;
  readonly name?: string;
  readonly surname?: string;
  readonly key?: string;
  /** `[]` removes every tag; `null` (or leaving it out) keeps them. */
  readonly tags?: string[] | null;
}

const customerData = dataEnvelope(partneroCustomerSchema);
/** `customers:search` answers a list (paged or not); only `data` matters. */
const customerMatches = z.looseObject({ data: z.array(partneroCustomerSchema) });

export function customersApi(http: PartneroHttp) {
  const pathOf = (keyOrEmail: string) => `/customers/${encodeURIComponent(keyOrEmail)}`;

  return {
    async create(customer: NewCustomer): Promise<PartneroCustomer> {
      return (
        await http.send({
          operation: 'customers.create',
          method: 'POST',
          path: '/customers',
          body: customer,
          schema: customerData,
        })
      ).data;
    },

    /** By key, id or email; a 404 throws ProviderHttpError. */
    async get(keyOrEmail: string): Promise<PartneroCustomer> {
      return (
        await http.send({ operation: 'customers.get', method: 'GET', path: pathOf(keyOrEmail), schema: customerData })
      ).data;
    },

    /** By key, id or email; undefined when there is no such customer. */
    async find(keyOrEmail: string): Promise<PartneroCustomer | undefined> {
      return (
        await http.sendOrNotFound({
          operation: 'customers.find',
          method: 'GET',
          path: pathOf(keyOrEmail),
          schema: customerData,
        })
      )?.data;
    },

    /** Customers whose email matches; the search may match partially, so only exact (case-insensitive) matches are kept. */
    async searchByEmail(email: string): Promise<PartneroCustomer[]> {
      const found = await http.send({
        operation: 'customers.search',
        method: 'GET',
        path: '/customers:search',
        query: { email },
        schema: customerMatches,
      });
      return found.data.filter((customer) => customer.email?.toLowerCase() === email.toLowerCase());
    },

    listPage(
      page: { readonly limit?: number; readonly page?: number; readonly partnerKey?: string } = {},
    ): Promise<PartneroPage<PartneroCustomer>> {
      const query = { limit: page.limit, page: page.page, 'partner.key': page.partnerKey };
      return http.getPage({ operation: 'customers.list', path: '/customers', query, schema: partneroCustomerSchema });
    },

    async update(key: string, changes: CustomerChanges): Promise<PartneroCustomer> {
      return (
        await http.send({
          operation: 'customers.update',
          method: 'PUT',
          path: pathOf(key),
          body: { update: changes },
          schema: customerData,
        })
      ).data;
    },

    /** Permanent. A customer already gone is `not_found`, so a retried delete is not an error. */
    async delete(key: string): Promise<'deleted' | 'not_found'> {
      const answer = await http.sendOrNotFound({
        operation: 'customers.delete',
        method: 'DELETE',
        path: pathOf(key),
        schema: statusOnlySchema,
      });
      return answer === undefined ? 'not_found' : 'deleted';
    },
  };
}
