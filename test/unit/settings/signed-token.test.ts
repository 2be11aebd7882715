import { constantTimeEquals, signToken, verifyToken, type ExpiringPayload } from '../../../shared/http/signed-token';

interface Payload extends ExpiringPayload {
  readonly p: string;
}
const isPayload = (value: unknown): value is Payload =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Payload).p === 'string' &&
  typeof (value as Payload).exp === 'number';

const key = 'k'.repeat(32);
const now = new Date('2026-11-29T12:00:00Z');
const inTenMinutes = Math.floor(now.getTime() / 1000) + 600;

describe('signed tokens', () => {
  it('verifies a token it signed and returns its payload', () => {
    const token = signToken('purpose-a', { p: 'prog-1', exp: inTenMinutes }, key);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyToken('purpose-a', token, key, isPayload, now)).toEqual({
      ok: true,
      payload: { p: 'prog-1', exp: inTenMinutes },
    });
  });

  it('refuses a token signed with another key', () => {
    const token = signToken('purpose-a', { p: 'prog-1', exp: inTenMinutes }, 'another-key-of-enough-length-000');
    expect(verifyToken('purpose-a', token, key, isPayload, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token minted for another purpose under the same key', () => {
    const token = signToken('purpose-b', { p: 'prog-1', exp: inTenMinutes }, key);
    expect(verifyToken('purpose-a', token, key, isPayload, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a payload changed after signing', () => {
    const [version, , signature] = signToken('purpose-a', { p: 'prog-1', exp: inTenMinutes }, key).split('.');
    const body = Buffer.from(JSON.stringify({ p: 'prog-2', exp: inTenMinutes })).toString('base64url');
    expect(verifyToken('purpose-a', `${version}.${body}.${signature}`, key, isPayload, now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses an expired token, at the second it expires', () => {
    const token = signToken('purpose-a', { p: 'prog-1', exp: inTenMinutes }, key);
    expect(verifyToken('purpose-a', token, key, isPayload, new Date(inTenMinutes * 1000 - 1000)).ok).toBe(true);
    expect(verifyToken('purpose-a', token, key, isPayload, new Date(inTenMinutes * 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each([
    ['nothing', undefined],
    ['an empty string', ''],
    ['two parts', 'v1.abc'],
    ['another version', `v2.${'a'.repeat(10)}.${'a'.repeat(43)}`],
    ['a short signature', `v1.${'a'.repeat(10)}.abc`],
    ['characters outside base64url', `v1.ab+c.${'a'.repeat(43)}`],
    ['an oversized token', `v1.${'a'.repeat(3000)}.${'a'.repeat(43)}`],
  ])('calls %s malformed', (_, token) => {
    expect(verifyToken('purpose-a', token, key, isPayload, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('calls a correctly signed payload of the wrong shape malformed', () => {
    const token = signToken(
      'purpose-a',
      { q: 'no program', exp: inTenMinutes } as unknown as Payload & Record<string, unknown>,
      key,
    );
    expect(verifyToken('purpose-a', token, key, isPayload, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('compares strings of any length without throwing', () => {
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
    expect(constantTimeEquals('', 'x')).toBe(false);
  });
});
