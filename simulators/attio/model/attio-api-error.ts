/** An error Attio would answer, in its documented body `{status_code, type, code, message}`. */
export class AttioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: string = status === 401 || status === 403
      ? 'auth_error'
      : status === 429
        ? 'rate_limit_error'
        : 'invalid_request_error',
  ) {
    super(message);
  }

  body(): { status_code: number; type: string; code: string; message: string } {
    return { status_code: this.status, type: this.type, code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new AttioApiError(404, 'not_found', `${what} not found.`);
export const valueNotFound = (message: string) => new AttioApiError(400, 'value_not_found', message);
export const validationError = (message: string) => new AttioApiError(400, 'validation_type', message);
