import { createPartneroHttp, type PartneroHttpOptions } from '../partnero/partnero-http';
import { partneroCustomerSchema, partneroPartnerSchema, partneroTransactionSchema } from '../partnero/resource-schemas';
import type { LinkedKind } from '../sync/link-repository';
import type { ListedRecord } from './record-messages';

export interface ListedPage {
  readonly records: ListedRecord[];
  /** False on the last page (`links.next` is null). */
  readonly hasMore: boolean;
}

/**
 * Which end of the list page 1 starts at: Partnero's own default, or `newest-first`
 * (`sort=desc`, "Newest First" in Partnero's n8n node, partnero/n8n-nodes-partnero
 * `nodes/Partnero/shared/descriptions.ts`, offered on partners, customers and transactions).
 */
export type ListOrder = 'default' | 'newest-first';

/** Reads one page of a program's partners, customers or transactions by page number. */
export interface PartneroPageReader {
  page(kind: LinkedKind, page: number, limit: number, order?: ListOrder): Promise<ListedPage>;
}

/**
 * Page-number paging (Partnero's Laravel "simple" paginator): a page number is a checkpoint that
 * survives a crash, where a `links.next` URL would have to be stored. Records created while a
 * backfill pages arrive by webhook anyway; one deleted meanwhile may shift a record from one page
 * to the previous, which the reconciliation job catches.
 */
export function partneroPageReader(options: PartneroHttpOptions): PartneroPageReader {
  const http = createPartneroHttp(options);
  return {
    async page(kind, page, limit, order = 'default') {
      const query = order === 'newest-first' ? { limit, page, sort: 'desc' } : { limit, page };
      switch (kind) {
        case 'partner': {
          const answer = await http.getPage({
            operation: 'partners.list',
            path: '/partners',
            query,
            schema: partneroPartnerSchema,
          });
          return { records: answer.items.map((record) => ({ kind, record })), hasMore: answer.nextUrl !== undefined };
        }
        case 'customer': {
          const answer = await http.getPage({
            operation: 'customers.list',
            path: '/customers',
            query,
            schema: partneroCustomerSchema,
          });
          return { records: answer.items.map((record) => ({ kind, record })), hasMore: answer.nextUrl !== undefined };
        }
        case 'transaction': {
          const answer = await http.getPage({
            operation: 'transactions.list',
            path: '/transactions',
            query,
            schema: partneroTransactionSchema,
          });
          return { records: answer.items.map((record) => ({ kind, record })), hasMore: answer.nextUrl !== undefined };
        }
      }
    },
  };
}
