import { dataEnvelope } from './envelope-schemas';
import type { PartneroHttp, PartneroPage } from './partnero-http';
import { partneroPartnerSchema, type PartneroPartner } from './resource-schemas';

export interface NewPartner {
  readonly email: string;
  readonly name?: string;
  readonly surname?: string;
  readonly id?: string;
  readonly key?: string;
  readonly tags?: string[];
  readonly password?: string;
  readonly referring_partner?: PartnerReference;
}

export interface PartnerChanges {
  readonly email?: string;
  readonly name?: string;
  readonly surname?: string;
  /** Renames the default referral key. */
  readonly key?: string;
  /** `[]` removes every tag; `null` (or leaving it out) keeps them. */
  readonly tags?: string[] | null;
}

export type PartnerReference = { readonly id: string } | { readonly key: string } | { readonly email: string };

const partnerData = dataEnvelope(partneroPartnerSchema);

/** Partners: `/partners/{id}` resolves the id only; `/partner?…` resolves key, email or id. */
export function partnersApi(http: PartneroHttp) {
  return {
    /** By id; a 404 throws ProviderHttpError. */
    async get(id: string): Promise<PartneroPartner> {
      return (
        await http.send({
          operation: 'partners.get',
          method: 'GET',
          path: `/partners/${encodeURIComponent(id)}`,
          schema: partnerData,
        })
      ).data;
    },

    /** By key, email or id; undefined when no partner matches. */
    async find(reference: PartnerReference): Promise<PartneroPartner | undefined> {
      const found = await http.sendOrNotFound({
        operation: 'partners.find',
        method: 'GET',
        path: '/partner',
        query: { ...reference },
        schema: partnerData,
      });
      return found?.data;
    },

    listPage(page: { readonly limit?: number; readonly page?: number } = {}): Promise<PartneroPage<PartneroPartner>> {
      return http.getPage({
        operation: 'partners.list',
        path: '/partners',
        query: { limit: page.limit, page: page.page },
        schema: partneroPartnerSchema,
      });
    },

    /** Every partner of the program, following `links.next`. */
    all(limit = 100): AsyncGenerator<PartneroPartner, void, undefined> {
      return http.allPages({
        operation: 'partners.list',
        path: '/partners',
        query: { limit },
        schema: partneroPartnerSchema,
      });
    },

    async create(partner: NewPartner): Promise<PartneroPartner> {
      return (
        await http.send({
          operation: 'partners.create',
          method: 'POST',
          path: '/partners',
          body: partner,
          schema: partnerData,
        })
      ).data;
    },

    /** By id, in the documented `{update: {…}}` body. */
    async update(id: string, changes: PartnerChanges): Promise<PartneroPartner> {
      const path = `/partners/${encodeURIComponent(id)}`;
      return (
        await http.send({
          operation: 'partners.update',
          method: 'PUT',
          path,
          body: { update: changes },
          schema: partnerData,
        })
      ).data;
    },
  };
}
