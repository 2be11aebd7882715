import {
  CleanupIncompleteError,
  ConflictError,
  ProgramNotFoundError,
  ProviderHttpError,
  ProviderRefusedError,
  RetryableError,
  SyncError,
  ValidationError,
  type ProviderName,
} from '../errors';

/**
 * The HTTP status each error of the sync's one family (`shared/errors.ts`) answers at the edge,
 * decided by `instanceof` in this one place.
 */
export function httpStatusOf(error: unknown): number {
  if (error instanceof ProgramNotFoundError) return 404;
  if (error instanceof ValidationError || error instanceof ProviderRefusedError) return 400;
  if (error instanceof ConflictError) return 409;
  if (error instanceof CleanupIncompleteError) return 502;
  if (error instanceof RetryableError) return 503;
  if (error instanceof ProviderHttpError) return 502;
  return 500;
}

/** A message safe to show: ours, or a provider's own code and message; never a stack or a secret. */
export function publicMessageOf(error: unknown): string {
  if (error instanceof RetryableError)
    return `${error.provider ? providerName(error.provider) : 'A provider'} is not answering right now. Try again in a minute.`;
  if (error instanceof ProviderHttpError) {
    if (error.status === 401 || error.status === 403)
      return `${providerName(error.provider)} refused the stored credentials (${error.status}). Reconnect and try again.`;
    return `${providerName(error.provider)} answered ${error.status}${error.code ? ` (${error.code})` : ''}: ${error.providerMessage}`;
  }
  if (error instanceof SyncError) return error.message;
  return 'Something went wrong on our side. Try again, and tell us if it keeps happening.';
}

function providerName(provider: ProviderName): string {
  return provider === 'attio' ? 'Attio' : 'Partnero';
}
