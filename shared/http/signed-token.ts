import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A compact HMAC-SHA256 token: `v1.<base64url JSON payload>.<base64url signature>`.
 *
 * The signature covers a purpose label and the payload, so a token minted for one purpose (a
 * settings link) is never accepted for another (a session cookie) even under the same key.
 * Verification fails closed: anything malformed is `malformed`, a wrong signature is compared in
 * constant time, and the expiry is checked only once the signature holds.
 */
export type TokenCheck<Payload> =
  | { readonly ok: true; readonly payload: Payload }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

export interface ExpiringPayload {
  /** Expiry, epoch seconds. */
  readonly exp: number;
}

const VERSION = 'v1';

export function signToken(purpose: string, payload: ExpiringPayload & Record<string, unknown>, key: string): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${VERSION}.${body}.${signature(purpose, body, key)}`;
}

export function verifyToken<Payload extends ExpiringPayload>(
  purpose: string,
  token: string | undefined,
  key: string,
  isPayload: (value: unknown) => value is Payload,
  now: Date = new Date(),
): TokenCheck<Payload> {
  if (!token || token.length > 2048) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [, body, presented] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]{43}$/.test(presented))
    return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signature(purpose, body, key), 'base64url');
  const given = Buffer.from(presented, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isPayload(payload)) return { ok: false, reason: 'malformed' };
  if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

/** Constant-time equality of two strings of any length (both are hashed first). */
export function constantTimeEquals(left: string, right: string): boolean {
  const a = createHmac('sha256', 'compare').update(left).digest();
  const b = createHmac('sha256', 'compare').update(right).digest();
  return timingSafeEqual(a, b);
}

export function hmacBase64Url(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}

function signature(purpose: string, body: string, key: string): string {
  return hmacBase64Url(key, `${purpose}.${VERSION}.${body}`);
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
