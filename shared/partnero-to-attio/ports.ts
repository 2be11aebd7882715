import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from '../partnero/resource-schemas';

/** The Partnero reads this direction makes, for one program (one API key). Undefined = no longer exists. */
export interface PartneroRecordsPort {
  findPartner(id: string): Promise<PartneroPartner | undefined>;
  findCustomer(key: string): Promise<PartneroCustomer | undefined>;
  findTransaction(key: string): Promise<PartneroTransaction | undefined>;
}
