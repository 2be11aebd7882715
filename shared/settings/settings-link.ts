import { randomBytes } from 'node:crypto';
import { epochSeconds, signToken, verifyToken, type TokenCheck } from '../http/signed-token';

/**
 * The short-lived signed link that opens one program's settings page:
 * `${PUBLIC_API_URL}/settings/{programId}?token=<token>`.
 *
 * The Partnero app mints it with the shared settings-link key; the format, for whoever mints it:
 *
 *   payload   = base64url(JSON {"p": "<programId>", "exp": <epoch seconds>, "n": "<random, 16+ bytes base64url>"})
 *   signature = base64url(HMAC-SHA256(key, "partnero-attio/settings-link.v1." + payload))
 *   token     = "v1." + payload + "." + signature
 *
 * A link is only a ticket, used once: the page exchanges it for a session cookie and drops it from the
 * URL, and the same link never opens a second session. `n` makes each minted link unique (without it,
 * two links for one program minted in the same second would be one link, used up by the first).
 */
export const SETTINGS_LINK_PURPOSE = 'partnero-attio/settings-link';
export const SETTINGS_LINK_TTL_SECONDS = 15 * 60;

export interface SettingsLinkPayload {
  /** The program the link opens. */
  readonly p: string;
  readonly exp: number;
  /** Random per link; optional for links minted before it existed. */
  readonly n?: string;
}

export function mintSettingsLinkToken(
  programId: string,
  key: string,
  options: { now?: Date; ttlSeconds?: number } = {},
): { token: string; expiresAt: Date } {
  const now = options.now ?? new Date();
  const exp = epochSeconds(now) + (options.ttlSeconds ?? SETTINGS_LINK_TTL_SECONDS);
  const n = randomBytes(16).toString('base64url');
  return { token: signToken(SETTINGS_LINK_PURPOSE, { p: programId, exp, n }, key), expiresAt: new Date(exp * 1000) };
}

export function settingsLinkUrl(publicApiUrl: string, programId: string, token: string): string {
  const url = new URL(`${publicApiUrl.replace(/\/+$/, '')}/settings/${encodeURIComponent(programId)}`);
  url.searchParams.set('token', token);
  return url.toString();
}

export function verifySettingsLinkToken(
  token: string | undefined,
  key: string,
  now: Date = new Date(),
): TokenCheck<SettingsLinkPayload> {
  return verifyToken(SETTINGS_LINK_PURPOSE, token, key, isLinkPayload, now);
}

function isLinkPayload(value: unknown): value is SettingsLinkPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.p === 'string' &&
    candidate.p.length > 0 &&
    typeof candidate.exp === 'number' &&
    Number.isFinite(candidate.exp)
  );
}
