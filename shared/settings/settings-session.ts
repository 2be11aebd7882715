import { randomBytes } from 'node:crypto';
import { isLoopbackHost } from '../http/loopback-host';
import { constantTimeEquals, epochSeconds, hmacBase64Url, signToken, verifyToken } from '../http/signed-token';
import { verifySettingsLinkToken } from './settings-link';

/**
 * The settings page's session: a signed, short-lived cookie for one program, issued in exchange
 * for a valid settings link. It is HttpOnly, SameSite=Lax, Secure except on a loopback http
 * origin (the local stack), and its Path is the program's own settings prefix, so a browser
 * holding sessions for two programs never sends one program's cookie to the other's routes;
 * the program inside the signed payload is checked on every request all the same.
 */
export const SESSION_COOKIE = 'pas_settings';
export const SESSION_PURPOSE = 'partnero-attio/settings-session';
export const SESSION_TTL_SECONDS = 30 * 60;
const CSRF_PURPOSE = 'partnero-attio/settings-csrf';

export interface SettingsSession {
  readonly programId: string;
  readonly expiresAt: Date;
  /** Random per session: the CSRF token is derived from it. */
  readonly nonce: string;
}

interface SessionPayload {
  readonly p: string;
  readonly n: string;
  readonly exp: number;
}

export type SessionCheck =
  | { readonly ok: true; readonly session: SettingsSession }
  /** 401: nothing valid was presented; 403: a valid session or link, but for another program. */
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      readonly reason: 'missing' | 'expired' | 'invalid' | 'other-program';
    };

export function issueSession(
  programId: string,
  key: string,
  options: { now?: Date; ttlSeconds?: number } = {},
): { token: string; session: SettingsSession } {
  const now = options.now ?? new Date();
  const exp = epochSeconds(now) + (options.ttlSeconds ?? SESSION_TTL_SECONDS);
  const nonce = randomBytes(16).toString('base64url');
  return {
    token: signToken(SESSION_PURPOSE, { p: programId, n: nonce, exp }, key),
    session: { programId, nonce, expiresAt: new Date(exp * 1000) },
  };
}

/** `Set-Cookie` for a session; `secure` is false only for a loopback http origin. */
export function sessionCookieHeader(
  token: string,
  session: SettingsSession,
  secure: boolean,
  now: Date = new Date(),
): string {
  const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${settingsPathPrefix(session.programId)}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function settingsPathPrefix(programId: string): string {
  return `/settings/${encodeURIComponent(programId)}`;
}

/** Secure cookies everywhere but on `http://127.0.0.1` / `http://localhost`, where the local stack runs. */
export function cookiesMustBeSecure(publicApiUrl: string): boolean {
  const url = new URL(publicApiUrl);
  return !(url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Every value of a cookie, from API Gateway's `cookies` array (a browser may send several with one name). */
export function cookieValues(cookies: readonly string[] | undefined, name: string): string[] {
  const values: string[] = [];
  for (const entry of cookies ?? []) {
    for (const part of entry.split(';')) {
      const index = part.indexOf('=');
      if (index > 0 && part.slice(0, index).trim() === name) values.push(part.slice(index + 1).trim());
    }
  }
  return values;
}

/**
 * Who may use a settings route of `programId`: a valid session cookie for that program. A valid
 * session of another program is a 403; nothing, a tampered or an expired cookie a 401.
 */
export function checkSession(
  programId: string,
  cookies: readonly string[] | undefined,
  key: string,
  now: Date = new Date(),
): SessionCheck {
  const presented = cookieValues(cookies, SESSION_COOKIE);
  if (presented.length === 0) return { ok: false, status: 401, reason: 'missing' };
  let sawOtherProgram = false;
  let sawExpired = false;
  for (const token of presented) {
    const check = verifyToken(SESSION_PURPOSE, token, key, isSessionPayload, now);
    if (!check.ok) {
      sawExpired ||= check.reason === 'expired';
      continue;
    }
    if (check.payload.p === programId) {
      return {
        ok: true,
        session: { programId, nonce: check.payload.n, expiresAt: new Date(check.payload.exp * 1000) },
      };
    }
    sawOtherProgram = true;
  }
  if (sawOtherProgram) return { ok: false, status: 403, reason: 'other-program' };
  return { ok: false, status: 401, reason: sawExpired ? 'expired' : 'invalid' };
}

export type LinkExchange =
  | { readonly ok: true; readonly token: string; readonly session: SettingsSession; readonly linkExpiresAt: Date }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      readonly reason: 'missing' | 'expired' | 'invalid' | 'other-program';
    };

/**
 * A settings link for `programId` becomes a fresh session; a link for another program is a 403.
 * This checks the signature only: that the link is used once and the session stays open until
 * the program is disconnected or removed is SettingsSessionStore's part.
 */
export function exchangeSettingsLink(
  programId: string,
  linkToken: string | undefined,
  key: string,
  now: Date = new Date(),
): LinkExchange {
  if (!linkToken) return { ok: false, status: 401, reason: 'missing' };
  const check = verifySettingsLinkToken(linkToken, key, now);
  if (!check.ok) return { ok: false, status: 401, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  if (check.payload.p !== programId) return { ok: false, status: 403, reason: 'other-program' };
  const issued = issueSession(programId, key, { now });
  return { ok: true, token: issued.token, session: issued.session, linkExpiresAt: new Date(check.payload.exp * 1000) };
}

/** The CSRF token of a session: the page sends it back in `x-csrf-token` on every write (the Connect form: in its `csrf_token` field). */
export function csrfTokenFor(session: SettingsSession, key: string): string {
  return hmacBase64Url(key, `${CSRF_PURPOSE}.${session.programId}.${session.nonce}`);
}

/**
 * A write must come from our own page: the CSRF token must match the session's, and when the
 * browser says where the request comes from (`Origin`, `Sec-Fetch-Site`) that must be us.
 */
export function checkCsrf(input: {
  readonly session: SettingsSession;
  readonly key: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly publicApiUrl: string;
  /** The token from a form field, for the one write an HTML form makes (Connect), which cannot set headers. */
  readonly formToken?: string;
}): { ok: true } | { ok: false; reason: string } {
  const origin = input.headers.origin;
  const fetchSite = input.headers['sec-fetch-site'];
  // Our pages are sent with `Referrer-Policy: no-referrer`, under which a browser's form POST (the
  // Connect form) says `Origin: null` (Fetch, "serializing a request origin"): that one tells us
  // nothing, so it passes only when the browser's own Sec-Fetch-Site says same-origin.
  const opaqueOrigin = origin === 'null';
  if (opaqueOrigin && fetchSite !== 'same-origin') return { ok: false, reason: 'cross-origin request' };
  if (origin !== undefined && !opaqueOrigin && origin !== new URL(input.publicApiUrl).origin)
    return { ok: false, reason: 'cross-origin request' };
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return { ok: false, reason: 'cross-site request' };
  const presented = input.headers['x-csrf-token'] ?? input.formToken;
  if (!presented) return { ok: false, reason: 'missing CSRF token' };
  if (!constantTimeEquals(presented, csrfTokenFor(input.session, input.key)))
    return { ok: false, reason: 'invalid CSRF token' };
  return { ok: true };
}

function isSessionPayload(value: unknown): value is SessionPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.p === 'string' &&
    typeof candidate.n === 'string' &&
    typeof candidate.exp === 'number' &&
    Number.isFinite(candidate.exp)
  );
}
