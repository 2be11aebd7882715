import { readReferringPartner } from '../../../shared/attio-to-partnero/referring-partner';
import { aPerson } from './attio-records';

describe('readReferringPartner', () => {
  it('reads an email as the partner with that email', () => {
    // Act & Assess
    expect(readReferringPartner(aPerson('r1', { referredBy: 'Partner@Example.com' }), 'referred_by')).toEqual({
      kind: 'partner',
      reference: { email: 'partner@example.com' },
    });
  });

  it("reads other text as the partner's referral key", () => {
    // Act & Assess
    expect(readReferringPartner(aPerson('r1', { referredBy: 'ada-ref' }), 'referred_by')).toEqual({
      kind: 'partner',
      reference: { key: 'ada-ref' },
    });
  });

  it('reads a record reference as a record to resolve through its partner link', () => {
    // Act & Assess
    expect(readReferringPartner(aPerson('r1', { referredByRecord: 'partner-person-1' }), 'referred_by')).toEqual({
      kind: 'linked-record',
      recordId: 'partner-person-1',
    });
  });

  it('reads nothing when the person names no partner', () => {
    // Act & Assess
    expect(readReferringPartner(aPerson('r1'), 'referred_by')).toBeUndefined();
  });
});
