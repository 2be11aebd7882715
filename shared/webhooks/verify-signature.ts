import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a provider's hex HMAC-SHA256 of the raw body (Attio's `Attio-Signature`, Partnero's
 * `Signature`). Fails closed: an empty secret or signature, a wrong length or a non-hex value
 * is simply "not verified", never an exception, and the comparison takes constant time.
 */
export function isValidHmacSignature(
  rawBody: string | Buffer,
  signature: string | undefined,
  secret: string | undefined,
): boolean {
  if (!secret || !signature) return false;
  const presented = signature
    .trim()
    .toLowerCase()
    .replace(/^sha256=/, '');
  if (!/^[0-9a-f]{64}$/.test(presented)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(presented, 'hex'));
}

export function hmacSha256Hex(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}
