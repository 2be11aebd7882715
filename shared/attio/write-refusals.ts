import { ProviderHttpError } from '../errors';

/**
 * Attio refuses to create a record whose unique value (an email, a domain) another record
 * already holds: asserting on our tag found no record, and creating one collided with a
 * record the sales team made themselves.
 */
export function isUniquenessConflict(error: unknown): boolean {
  if (!(error instanceof ProviderHttpError) || error.provider !== 'attio') return false;
  if (error.status !== 400 && error.status !== 409) return false;
  return (
    error.code === 'uniqueness_conflict' ||
    /conflicts with one already|uniqueness|already exists/i.test(error.providerMessage)
  );
}

/** Attio refused the write because of the workspace's schema (an attribute, option or stage is missing). */
export function isSchemaRefusal(error: unknown): boolean {
  return (
    error instanceof ProviderHttpError &&
    error.provider === 'attio' &&
    error.status === 400 &&
    ['value_not_found', 'not_found', 'validation_type'].includes(error.code ?? '')
  );
}
