import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from '../partnero/resource-schemas';

/** The Partnero reads this direction makes, for one program (one API key). Undefined = no longer exists. */
export interface PartneroRecordsPort {
  findPartner(id: string): Promise<PartneroPartner | undefined>;
  findCustomer(key: string): Promise<PartneroCustomer | undefined>;
  /**
   * `GET /transactions/{key}`; undefined when gone. An archived sale (`deleted_at` set, where
   * Partnero shows it at all) counts as gone unless `includeArchived`, which the commission
   * refresh asks for to show the archive on the deal.
   */
  findTransaction(
    key: string,
    options?: { readonly includeArchived?: boolean },
  ): Promise<PartneroTransaction | undefined>;
}
