import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { checkCsrf, checkSession, type SettingsSession } from './settings-session';
import type { SettingsSessionStore } from './settings-session-store';

/** Program ids as every route accepts them (the same pattern as the webhook routes). */
export const programIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export type GuardResult =
  | { readonly ok: true; readonly programId: string; readonly session: SettingsSession }
  | { readonly ok: false; readonly status: 401 | 403 | 404; readonly title: string; readonly message: string };

/**
 * Every `/settings/{programId}/...` route but the link exchange itself: a valid session cookie
 * for this very program, and for writes a same-origin request carrying the session's CSRF token.
 */
export function guardSettingsRoute(
  event: APIGatewayProxyEventV2,
  signingKey: string,
  options: { readonly write?: boolean; readonly publicApiUrl: string; readonly formCsrfToken?: string },
  now: Date = new Date(),
): GuardResult {
  const programId = event.pathParameters?.programId ?? '';
  if (!programIdPattern.test(programId))
    return { ok: false, status: 404, title: 'Not found', message: 'There is no such program.' };
  const check = checkSession(programId, event.cookies, signingKey, now);
  if (!check.ok) return { ok: false, status: check.status, ...sessionRefusal(check.reason) };
  if (options.write) {
    const csrf = checkCsrf({
      session: check.session,
      key: signingKey,
      headers: event.headers,
      publicApiUrl: options.publicApiUrl,
      formToken: options.formCsrfToken,
    });
    if (!csrf.ok)
      return {
        ok: false,
        status: 403,
        title: 'Request refused',
        message: `This change did not come from the settings page (${csrf.reason}). Reload the page and try again.`,
      };
  }
  return { ok: true, programId, session: check.session };
}

/**
 * guardSettingsRoute, then the session must still be open in the store: a session ends when its
 * program is disconnected from Attio or removed, whatever its cookie's own expiry says.
 */
export async function guardOpenSettingsSession(
  event: APIGatewayProxyEventV2,
  signingKey: string,
  sessions: Pick<SettingsSessionStore, 'isOpen'>,
  options: { readonly write?: boolean; readonly publicApiUrl: string; readonly formCsrfToken?: string },
  now: Date = new Date(),
): Promise<GuardResult> {
  const guard = guardSettingsRoute(event, signingKey, options, now);
  if (!guard.ok) return guard;
  if (!(await sessions.isOpen(guard.session, now))) return { ok: false, status: 401, ...sessionRefusal('ended') };
  return guard;
}

export function sessionRefusal(reason: 'missing' | 'expired' | 'invalid' | 'other-program' | 'used' | 'ended'): {
  title: string;
  message: string;
} {
  switch (reason) {
    case 'used':
      return {
        title: 'This link was already used',
        message:
          'Each settings link opens the settings once. Open the Attio integration again from your Partnero program for a fresh link.',
      };
    case 'ended':
      return {
        title: 'Your session has ended',
        message:
          'The program was disconnected or removed, so this session was closed. Open the Attio integration again from your Partnero program.',
      };
    case 'missing':
      return {
        title: 'Open the settings from Partnero',
        message: 'These settings open from a signed link in your Partnero program. Open the Attio integration there.',
      };
    case 'expired':
      return {
        title: 'This link has expired',
        message:
          'Settings links and sessions are short-lived. Open the Attio integration again from your Partnero program.',
      };
    case 'invalid':
      return {
        title: 'This link is not valid',
        message: 'The link was changed or is not ours. Open the Attio integration again from your Partnero program.',
      };
    case 'other-program':
      return {
        title: 'Not allowed for this program',
        message:
          'Your link opens the settings of another program. Open this program’s Attio integration from Partnero.',
      };
  }
}
