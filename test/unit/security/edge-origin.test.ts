import { cameThroughEdge, ORIGIN_VERIFY_HEADER } from '../../../shared/security/edge-origin';

const secret = 'k'.repeat(48);

describe('a request that came through the edge', () => {
  it('carries the origin secret in its header', () => {
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: secret }, secret)).toBe(true);
  });

  it('is refused without the header, with another value, or with a prefix of the secret', () => {
    expect(cameThroughEdge({}, secret)).toBe(false);
    expect(cameThroughEdge(undefined, secret)).toBe(false);
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: 'k'.repeat(47) + 'x' }, secret)).toBe(false);
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: secret.slice(0, 24) }, secret)).toBe(false);
  });

  it('is refused when the expected secret is empty or short (fails closed)', () => {
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: '' }, '')).toBe(false);
    expect(cameThroughEdge({ [ORIGIN_VERIFY_HEADER]: 'short' }, 'short')).toBe(false);
  });
});
