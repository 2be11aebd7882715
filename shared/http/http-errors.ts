import { ProviderHttpError, RetryableError, SyncError, ValidationError } from '../errors';

/**
 * Errors of provisioning, connecting and configuring a program, each with the HTTP status its
 * route answers. Provider failures keep the sync's own classes (RetryableError,
 * ProviderHttpError); `httpStatusOf` maps the whole family in one place.
 */
export class ProgramNotFoundError extends SyncError {
  readonly programId: string;

  constructor(programId: string) {
    super(`Program ${programId} is not registered`);
    this.programId = programId;
  }
}

/** The request is understood but cannot be done in the program's current state (409). */
export class ConflictError extends SyncError {
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** A provider refused what we were given (a Partnero API key, an authorization code): 400. */
export class ProviderRefusedError extends SyncError {
  readonly provider: 'attio' | 'partnero';

  constructor(provider: 'attio' | 'partnero', message: string, options?: ErrorOptions) {
    super(message, options);
    this.provider = provider;
  }
}

/** Removing a program stopped because a provider-side cleanup failed; nothing was deleted (502). */
export class CleanupIncompleteError extends SyncError {
  readonly failures: string[];

  constructor(failures: string[]) {
    super(`Could not clean up at the providers: ${failures.join('; ')}. Nothing was deleted; retry, or pass ?force=true to delete the data anyway.`);
    this.failures = failures;
  }
}

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
  if (error instanceof RetryableError) return `${providerOf(error.message)} is not answering right now. Try again in a minute.`;
  if (error instanceof ProviderHttpError) {
    if (error.status === 401 || error.status === 403) return `${providerName(error.provider)} refused the stored credentials (${error.status}). Reconnect and try again.`;
    return `${providerName(error.provider)} answered ${error.status}${error.code ? ` (${error.code})` : ''}: ${error.providerMessage}`;
  }
  if (error instanceof SyncError) return error.message;
  return 'Something went wrong on our side. Try again, and tell us if it keeps happening.';
}

function providerName(provider: 'attio' | 'partnero'): string {
  return provider === 'attio' ? 'Attio' : 'Partnero';
}

function providerOf(message: string): string {
  if (message.startsWith('attio') || message.includes('/v2/') || message.includes('/oauth/')) return 'Attio';
  if (message.startsWith('partnero') || message.includes('/v1/')) return 'Partnero';
  return 'A provider';
}
