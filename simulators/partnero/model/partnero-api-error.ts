/**
 * An error answer of the simulated API. Bodies follow what Partnero's SDKs read: `{message}`,
 * plus Laravel's per-field `errors` on a 422.
 */
export class PartneroApiError extends Error {
  readonly status: number;
  readonly errors: Record<string, string[]> | undefined;

  constructor(status: number, message: string, errors?: Record<string, string[]>) {
    super(message);
    this.name = 'PartneroApiError';
    this.status = status;
    this.errors = errors;
  }

  get body(): { message: string; errors?: Record<string, string[]> } {
    return this.errors ? { message: this.message, errors: this.errors } : { message: this.message };
  }
}

export const notFound = (what: 'Partner' | 'Customer' | 'Transaction' | 'Webhook') =>
  new PartneroApiError(404, `${what} not found`);

/** Laravel's 422: the first problem as the message, "(and N more errors)" when there are several. */
export function validationError(errors: Record<string, string[]>): PartneroApiError {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  const message = `${messages[0] ?? 'The given data was invalid.'}${more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : ''}`;
  return new PartneroApiError(422, message, errors);
}
