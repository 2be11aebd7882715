import type { StoredOAuthState } from '../programs/oauth-state-store';
import { constantTimeEquals } from '../http/signed-token';

/**
 * The rules an OAuth callback's `state` must pass, as pure functions.
 *
 * 1. Present, with a code (or with Attio's `error`, which still ends the flow for that state).
 * 2. Started in this browser: the connect route set a cookie holding the state, so a state
 *    minted in someone else's browser (an attacker's own flow, pasted into a victim's) is foreign.
 * 3. Known and unused: the store deletes a state as it reads it, so a replay finds nothing.
 * 4. Not expired: DynamoDB's TTL deletes late, so the expiry is checked here too.
 */
export const OAUTH_BROWSER_COOKIE = 'pas_oauth_state';
export const OAUTH_CALLBACK_PATH = '/oauth/attio/callback';

export type StateRefusal =
  'missing-state' | 'missing-code' | 'foreign-state' | 'unknown-or-used-state' | 'expired-state';

export type PrecheckResult =
  { readonly ok: true; readonly state: string } | { readonly ok: false; readonly reason: StateRefusal };

export function precheckCallback(input: {
  readonly state: string | undefined;
  readonly code: string | undefined;
  readonly providerError: string | undefined;
  readonly browserStates: readonly string[];
}): PrecheckResult {
  const state = input.state?.trim();
  if (!state) return { ok: false, reason: 'missing-state' };
  if (!input.code && !input.providerError) return { ok: false, reason: 'missing-code' };
  if (!input.browserStates.some((candidate) => constantTimeEquals(candidate, state)))
    return { ok: false, reason: 'foreign-state' };
  return { ok: true, state };
}

export type StoredStateResult =
  { readonly ok: true; readonly programId: string } | { readonly ok: false; readonly reason: StateRefusal };

export function judgeStoredState(stored: StoredOAuthState | undefined, now: Date = new Date()): StoredStateResult {
  if (!stored) return { ok: false, reason: 'unknown-or-used-state' };
  if (stored.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired-state' };
  return { ok: true, programId: stored.programId };
}

/** What the user is told; never echoes the state or the code. */
export function describeStateRefusal(reason: StateRefusal): { status: 400 | 403; message: string } {
  switch (reason) {
    case 'missing-state':
      return {
        status: 400,
        message: 'The sign-in response from Attio has no state. Start again from the settings page.',
      };
    case 'missing-code':
      return {
        status: 400,
        message: 'The sign-in response from Attio has no authorization code. Start again from the settings page.',
      };
    case 'foreign-state':
      return {
        status: 403,
        message: 'This sign-in was not started in this browser. Start again from the settings page.',
      };
    case 'unknown-or-used-state':
      return {
        status: 403,
        message: 'This sign-in link was already used or is not ours. Start again from the settings page.',
      };
    case 'expired-state':
      return { status: 403, message: 'This sign-in took too long and expired. Start again from the settings page.' };
  }
}

/** The cookie that binds a state to the browser that asked for it; it only ever goes to the callback. */
export function oauthBrowserCookie(state: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${OAUTH_BROWSER_COOKIE}=${state}`,
    `Path=${OAUTH_CALLBACK_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearOauthBrowserCookie(secure: boolean): string {
  return oauthBrowserCookie('', 0, secure);
}
