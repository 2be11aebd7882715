import { hashValues, stableStringify } from '../../../shared/sync/value-hash';

describe('hashValues', () => {
  it('does not depend on key order', () => {
    expect(hashValues({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(hashValues({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  });

  it('depends on array order and on every value', () => {
    expect(hashValues({ a: [1, 2] })).not.toBe(hashValues({ a: [2, 1] }));
    expect(hashValues({ a: 1 })).not.toBe(hashValues({ a: '1' }));
  });

  it('ignores undefined properties, as JSON does', () => {
    expect(stableStringify({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
