/**
 * One error family for the whole sync. Whether a failed message is retried, rejected or
 * dead-lettered is decided by `instanceof` on these classes, never by parsing messages.
 */
export class SyncError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Worth another try later: provider 5xx, timeouts, dropped connections, throttling. */
export class RetryableError extends SyncError {
  /** When the provider said to come back (from `Retry-After`), if it did. */
  readonly retryAfterMs: number | undefined;
  /** The provider that is not answering, set by its client; undefined when it is none of them (our own table). */
  readonly provider: ProviderName | undefined;

  constructor(message: string, options?: ErrorOptions & { retryAfterMs?: number; provider?: ProviderName }) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
    this.provider = options?.provider;
  }
}

/** The provider answered 429. */
export class RateLimitedError extends RetryableError {
  declare readonly provider: ProviderName;

  constructor(provider: ProviderName, retryAfterMs: number | undefined, options?: ErrorOptions) {
    super(`${provider} rate limit exceeded`, { ...options, retryAfterMs, provider });
  }
}

/**
 * Our own budget for a provider (`shared/provider-budget/`) has no token left before the call
 * was made: nothing was sent. A RateLimitedError, so everything that retries a 429 retries
 * this, but the queue worker also knows it was never the provider's refusal.
 */
export class BudgetExhaustedError extends RateLimitedError {
  /** Which budget: `attio:<workspace>:write`, `partnero:<program>:request`. No secret, no record. */
  readonly budget: string;

  constructor(provider: ProviderName, budget: string, retryAfterMs: number, options?: ErrorOptions) {
    super(provider, retryAfterMs, options);
    this.message = `${provider} budget ${budget} spent for this second`;
    this.budget = budget;
  }
}

/** Retrying cannot fix it: validation errors, missing attributes, unknown records. */
export class PermanentError extends SyncError {
  /** A short machine-readable reason for the audit trail, e.g. `attio:value_not_found`. */
  readonly reason: string;

  constructor(reason: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

export type ProviderName = 'attio' | 'partnero';

/** A provider answered with an error status. Carries the provider's own code and message, never credentials. */
export class ProviderHttpError extends PermanentError {
  readonly provider: ProviderName;
  readonly status: number;
  readonly code: string | undefined;
  readonly providerMessage: string;

  constructor(
    provider: ProviderName,
    status: number,
    code: string | undefined,
    providerMessage: string,
    options?: ErrorOptions,
  ) {
    super(
      `${provider}:${code ?? status}`,
      `${provider} answered ${status}${code ? ` ${code}` : ''}: ${providerMessage}`,
      options,
    );
    this.provider = provider;
    this.status = status;
    this.code = code;
    this.providerMessage = providerMessage;
  }
}

/** A webhook failed verification; the ingress answers 401 and enqueues nothing. */
export class SignatureError extends SyncError {}

/** Input at the edge did not match its schema; carries a one-line, human-readable description. */
export class ValidationError extends SyncError {
  readonly issues: string[];

  constructor(message: string, issues: string[] = []) {
    super(message);
    this.issues = issues;
  }
}

/** A problem with one field of a form, by the dotted path of that field (`deals.fieldMappings.1.attioAttribute`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Input of a form that fails field by field: the page shows each issue beside its field. */
export class FieldValidationError extends ValidationError {
  readonly fieldIssues: readonly FieldIssue[];

  constructor(message: string, fieldIssues: readonly FieldIssue[]) {
    super(
      message,
      fieldIssues.map((issue) => `${issue.path}: ${issue.message}`),
    );
    this.fieldIssues = fieldIssues;
  }
}

/*
 * The errors of provisioning, connecting and configuring a program. Each answers its own HTTP
 * status at the edge (`shared/http/http-errors.ts` maps the whole family in one place).
 */

/** The program is not registered (404). */
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
  readonly provider: ProviderName;

  constructor(provider: ProviderName, message: string, options?: ErrorOptions) {
    super(message, options);
    this.provider = provider;
  }
}

/** Removing a program stopped because a provider-side cleanup failed; nothing was deleted (502). */
export class CleanupIncompleteError extends SyncError {
  readonly failures: string[];

  constructor(failures: string[]) {
    super(
      `Could not clean up at the providers: ${failures.join('; ')}. Nothing was deleted; retry, or pass ?force=true to delete the data anyway.`,
    );
    this.failures = failures;
  }
}

/** Configuration is missing or malformed; a function fails at init with this. */
export class ConfigurationError extends SyncError {}

export function isRetryable(error: unknown): error is RetryableError {
  return error instanceof RetryableError;
}
