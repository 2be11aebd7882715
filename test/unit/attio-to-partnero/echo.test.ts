import { holdsOnlyOurWrite, isOwnWrite } from '../../../shared/attio-to-partnero/echo';
import type { RecordLink } from '../../../shared/sync/link-repository';

const ours = { type: 'api-token', id: 'token-actor-1' };

function aLink(attioWrittenHash: string | null): RecordLink {
  return { programId: 'p1', kind: 'customer', partneroId: 'c1', attioObject: 'people', attioRecordId: 'r1', attioWrittenHash, partneroWrittenHash: null, partneroVersion: null, updatedAt: 'now' };
}

describe('isOwnWrite', () => {
  it('recognises an event written with our token by its actor type and id', () => {
    // Act & Assess
    expect(isOwnWrite({ type: 'api-token', id: 'token-actor-1' }, ours)).toBe(true);
  });

  it('does not take a person, another token, the system or an unknown actor for us', () => {
    // Act & Assess
    expect(isOwnWrite({ type: 'workspace-member', id: 'token-actor-1' }, ours)).toBe(false);
    expect(isOwnWrite({ type: 'api-token', id: 'someone-else' }, ours)).toBe(false);
    expect(isOwnWrite({ type: 'system', id: null }, ours)).toBe(false);
    expect(isOwnWrite(undefined, ours)).toBe(false);
    expect(isOwnWrite({ type: 'api-token', id: 'token-actor-1' }, null)).toBe(false);
  });
});

describe('holdsOnlyOurWrite', () => {
  it('is true when the record hashes to what the other direction last wrote', () => {
    // Act & Assess
    expect(holdsOnlyOurWrite(aLink('abc'), 'abc')).toBe(true);
  });

  it('is false when a synced value changed, or when nothing was ever written', () => {
    // Act & Assess
    expect(holdsOnlyOurWrite(aLink('abc'), 'def')).toBe(false);
    expect(holdsOnlyOurWrite(aLink(null), 'abc')).toBe(false);
    expect(holdsOnlyOurWrite(undefined, 'abc')).toBe(false);
  });
});
