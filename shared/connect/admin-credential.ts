import { constantTimeEquals } from '../http/signed-token';

/**
 * The platform team's admin API takes `Authorization: Bearer <admin token>`. No or a malformed
 * header is a 401 (with `WWW-Authenticate`), a wrong token a 403. The comparison hashes both
 * sides first, so it takes the same time whatever the presented token's length or content.
 */
export type AdminCredentialCheck =
  { readonly ok: true } | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

export function checkAdminCredential(authorization: string | undefined, expectedToken: string): AdminCredentialCheck {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!presented) return { ok: false, status: 401, message: 'Send the admin token as Authorization: Bearer <token>' };
  if (!constantTimeEquals(presented, expectedToken))
    return { ok: false, status: 403, message: 'The admin token is not valid' };
  return { ok: true };
}
