import { createHmac } from 'node:crypto';
import { hmacSha256Hex, isValidHmacSignature } from '../../../shared/webhooks/verify-signature';

describe('isValidHmacSignature', () => {
  const secret = 'whsec_test_secret';
  const body = '{"event":"partner.created","data":{"id":"p1"}}';
  const signature = createHmac('sha256', secret).update(body).digest('hex');

  it('accepts the hex HMAC-SHA256 of the raw body', () => {
    expect(isValidHmacSignature(body, signature, secret)).toBe(true);
  });

  it('accepts upper-case hex and a sha256= prefix', () => {
    expect(isValidHmacSignature(body, signature.toUpperCase(), secret)).toBe(true);
    expect(isValidHmacSignature(body, `sha256=${signature}`, secret)).toBe(true);
  });

  it('refuses a body changed by one byte, even re-serialised JSON', () => {
    expect(isValidHmacSignature(body.replace('p1', 'p2'), signature, secret)).toBe(false);
    expect(isValidHmacSignature(JSON.stringify(JSON.parse(body), null, 1), signature, secret)).toBe(false);
  });

  it('fails closed on a missing secret, a missing signature, a short or non-hex signature', () => {
    expect(isValidHmacSignature(body, signature, undefined)).toBe(false);
    expect(isValidHmacSignature(body, signature, '')).toBe(false);
    expect(isValidHmacSignature(body, undefined, secret)).toBe(false);
    expect(isValidHmacSignature(body, signature.slice(0, 10), secret)).toBe(false);
    expect(isValidHmacSignature(body, 'z'.repeat(64), secret)).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    expect(isValidHmacSignature(body, hmacSha256Hex(body, 'another secret'), secret)).toBe(false);
  });
});
