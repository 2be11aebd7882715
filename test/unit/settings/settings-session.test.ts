import {
  checkCsrf,
  checkSession,
  csrfTokenFor,
  exchangeSettingsLink,
  issueSession,
  SESSION_COOKIE,
  sessionCookieHeader,
} from '../../../shared/settings/settings-session';
import { mintSettingsLinkToken } from '../../../shared/settings/settings-link';

const key = 's'.repeat(32);
const now = new Date('2026-11-29T12:00:00Z');
const publicApiUrl = 'https://sync.example.com';

describe('settings sessions', () => {
  it('trades a link for a session of the same program only', () => {
    const link = mintSettingsLinkToken('prog-a', key, { now }).token;
    expect(exchangeSettingsLink('prog-a', link, key, now)).toMatchObject({
      ok: true,
      session: { programId: 'prog-a' },
    });
    expect(exchangeSettingsLink('prog-b', link, key, now)).toEqual({ ok: false, status: 403, reason: 'other-program' });
    expect(exchangeSettingsLink('prog-a', undefined, key, now)).toEqual({ ok: false, status: 401, reason: 'missing' });
    expect(exchangeSettingsLink('prog-a', link, key, new Date(now.getTime() + 16 * 60_000))).toEqual({
      ok: false,
      status: 401,
      reason: 'expired',
    });
  });

  it('does not accept a link as a session cookie', () => {
    const link = mintSettingsLinkToken('prog-a', key, { now }).token;
    expect(checkSession('prog-a', [`${SESSION_COOKIE}=${link}`], key, now)).toEqual({
      ok: false,
      status: 401,
      reason: 'invalid',
    });
  });

  it('tells a session of another program (403) from no valid session (401)', () => {
    const { token } = issueSession('prog-a', key, { now });
    expect(checkSession('prog-a', [`${SESSION_COOKIE}=${token}`], key, now).ok).toBe(true);
    expect(checkSession('prog-b', [`${SESSION_COOKIE}=${token}`], key, now)).toEqual({
      ok: false,
      status: 403,
      reason: 'other-program',
    });
    expect(checkSession('prog-a', [], key, now)).toEqual({ ok: false, status: 401, reason: 'missing' });
    expect(checkSession('prog-a', [`${SESSION_COOKIE}=${token}`], key, new Date(now.getTime() + 31 * 60_000))).toEqual({
      ok: false,
      status: 401,
      reason: 'expired',
    });
  });

  it('finds the right session among several cookies of the same name', () => {
    const a = issueSession('prog-a', key, { now }).token;
    const b = issueSession('prog-b', key, { now }).token;
    expect(checkSession('prog-b', [`other=1; ${SESSION_COOKIE}=${a}`, `${SESSION_COOKIE}=${b}`], key, now).ok).toBe(
      true,
    );
  });

  it('sets a HttpOnly, SameSite=Lax cookie on the program’s path, Secure unless on loopback http', () => {
    const { token, session } = issueSession('prog-a', key, { now });
    expect(sessionCookieHeader(token, session, true, now)).toBe(
      `${SESSION_COOKIE}=${token}; Path=/settings/prog-a; Max-Age=1800; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(sessionCookieHeader(token, session, false, now)).not.toContain('Secure');
  });

  it('accepts a write only with this session’s CSRF token from our own origin', () => {
    const { session } = issueSession('prog-a', key, { now });
    const other = issueSession('prog-a', key, { now }).session;
    const token = csrfTokenFor(session, key);
    const check = (headers: Record<string, string | undefined>) => checkCsrf({ session, key, headers, publicApiUrl });
    expect(check({ 'x-csrf-token': token, origin: publicApiUrl, 'sec-fetch-site': 'same-origin' })).toEqual({
      ok: true,
    });
    expect(check({ 'x-csrf-token': token })).toEqual({ ok: true });
    expect(check({})).toEqual({ ok: false, reason: 'missing CSRF token' });
    expect(check({ 'x-csrf-token': csrfTokenFor(other, key) })).toEqual({ ok: false, reason: 'invalid CSRF token' });
    expect(check({ 'x-csrf-token': token, origin: 'https://evil.example' })).toEqual({
      ok: false,
      reason: 'cross-origin request',
    });
    expect(check({ 'x-csrf-token': token, 'sec-fetch-site': 'same-site' })).toEqual({
      ok: false,
      reason: 'cross-site request',
    });
  });

  it('takes the opaque Origin of a no-referrer page’s form POST only with Sec-Fetch-Site same-origin', () => {
    const { session } = issueSession('prog-a', key, { now });
    const token = csrfTokenFor(session, key);
    const check = (headers: Record<string, string | undefined>) =>
      checkCsrf({ session, key, headers, publicApiUrl, formToken: token });
    expect(check({ origin: 'null', 'sec-fetch-site': 'same-origin' })).toEqual({ ok: true });
    expect(check({ origin: 'null' })).toEqual({ ok: false, reason: 'cross-origin request' });
    expect(check({ origin: 'null', 'sec-fetch-site': 'cross-site' })).toEqual({
      ok: false,
      reason: 'cross-origin request',
    });
    expect(
      checkCsrf({ session, key, headers: { origin: 'null', 'sec-fetch-site': 'same-origin' }, publicApiUrl }),
    ).toEqual({ ok: false, reason: 'missing CSRF token' });
  });
});
