import { ProviderHttpError } from '../errors';
import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from '../partnero/resource-schemas';
import type { AttioSchemaReader } from './attio-schema-cache';

/** A record as Attio answered a write or a read: its id and its current values by slug. */
export interface AttioRecordSnapshot {
  readonly recordId: string;
  readonly values: Readonly<Record<string, readonly unknown[] | undefined>>;
}

/** The Attio calls this direction makes, for one workspace (one access token). */
export interface AttioRecordsPort extends AttioSchemaReader {
  /** `PUT /v2/objects/{object}/records?matching_attribute=…`: update the matching record or create it. */
  assertRecord(object: string, matchingAttribute: string, values: Readonly<Record<string, unknown>>): Promise<AttioRecordSnapshot>;
  /** `PATCH /v2/objects/{object}/records/{id}`; undefined when the record no longer exists. */
  updateRecord(object: string, recordId: string, values: Readonly<Record<string, unknown>>): Promise<AttioRecordSnapshot | undefined>;
  /** Records whose attribute holds the value (Attio's shorthand filter), at most two: one is the answer, two is ambiguous. */
  findRecordsByValue(object: string, slug: string, value: unknown): Promise<AttioRecordSnapshot[]>;
  /** Ids of the people holding this email address. */
  findPeopleByEmail(email: string): Promise<string[]>;
}

/** The Partnero reads this direction makes, for one program (one API key). Undefined = no longer exists. */
export interface PartneroRecordsPort {
  findPartner(id: string): Promise<PartneroPartner | undefined>;
  findCustomer(key: string): Promise<PartneroCustomer | undefined>;
  /**
   * `GET /transactions/{key}`; undefined when gone. An archived sale (`deleted_at` set, where
   * Partnero shows it at all) counts as gone unless `includeArchived`, which the commission
   * refresh asks for to show the archive on the deal.
   */
  findTransaction(key: string, options?: { readonly includeArchived?: boolean }): Promise<PartneroTransaction | undefined>;
}

/**
 * Attio refuses to create a record whose unique value (an email, a domain) another record
 * already holds: asserting on our tag found no record, and creating one collided with a
 * record the sales team made themselves.
 */
export function isUniquenessConflict(error: unknown): boolean {
  if (!(error instanceof ProviderHttpError) || error.provider !== 'attio') return false;
  if (error.status !== 400 && error.status !== 409) return false;
  return error.code === 'uniqueness_conflict' || /conflicts with one already|uniqueness|already exists/i.test(error.providerMessage);
}

/** Attio refused the write because of the workspace's schema (an attribute, option or stage is missing). */
export function isSchemaRefusal(error: unknown): boolean {
  return error instanceof ProviderHttpError && error.provider === 'attio' && error.status === 400 && ['value_not_found', 'not_found', 'validation_type'].includes(error.code ?? '');
}
