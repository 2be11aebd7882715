import type { SettingsIssue } from '../../../shared/settings/settings-validation';

/** A failed call to the settings API, with the server's message and field issues when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: SettingsIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Same-origin JSON calls to `/settings/{programId}/api/...`; writes carry the session's CSRF token. */
export function createApiClient(apiBase: string, csrfToken: string, onSessionEnded: () => void = () => undefined) {
  async function call<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${apiBase}${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'x-csrf-token': csrfToken }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'The service could not be reached. Check your connection and try again.');
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    if (response.status === 401) {
      onSessionEnded();
      throw new ApiError(401, 'Your session has ended, so this was not saved.');
    }
    if (!response.ok) {
      const payload = json as { message?: unknown; issues?: unknown };
      const issues = Array.isArray(payload.issues) ? (payload.issues as SettingsIssue[]) : [];
      throw new ApiError(
        response.status,
        typeof payload.message === 'string' ? payload.message : `The service answered ${response.status}.`,
        issues,
      );
    }
    return json as T;
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
