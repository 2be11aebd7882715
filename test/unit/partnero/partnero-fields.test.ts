import { PermanentError } from '../../../shared/errors';
import {
  customerFields,
  partnerFields,
  readPartneroField,
  transactionCommission,
  transactionFields,
} from '../../../shared/partnero/partnero-fields';
import { partneroFingerprint } from '../../../shared/partnero/partnero-fingerprint';
import { aCustomer, aPartner, aTransaction } from '../partnero-to-attio/partnero-deliveries';

describe('Partnero fields', () => {
  it('reads the fields a program can map', () => {
    expect(readPartneroField('partner', partnerFields, aPartner(), 'full_name')).toEqual({
      kind: 'person-name',
      firstName: 'John',
      lastName: 'Doe',
    });
    expect(readPartneroField('partner', partnerFields, aPartner(), 'email_domain')).toBe('partnero.com');
    expect(readPartneroField('partner', partnerFields, aPartner(), 'tags')).toEqual(['premium']);
    expect(
      readPartneroField('customer', customerFields, aCustomer({ name: null, surname: null }), 'full_name'),
    ).toBeNull();
    expect(readPartneroField('transaction', transactionFields, aTransaction(), 'amount')).toEqual({
      kind: 'money',
      amount: 99.99,
      currency: 'USD',
    });
  });

  it('refuses an unknown field, and does not treat inherited properties as fields', () => {
    expect(() => readPartneroField('partner', partnerFields, aPartner(), 'phone')).toThrow(PermanentError);
    expect(() => readPartneroField('partner', partnerFields, aPartner(), 'toString')).toThrow(PermanentError);
  });

  it('sums the commission still in force', () => {
    // Prepare
    const transaction = aTransaction({
      rewards: [
        { amount: 10.1, amount_units: 'EUR', status: 'ok' },
        { amount: 5.2, amount_units: 'EUR', status: 'ok' },
        { amount: 99, amount_units: 'EUR', status: 'reversed' },
      ],
    });
    // Act / Assess
    expect(transactionCommission(transaction)).toEqual({ kind: 'money', amount: 15.3, currency: 'EUR' });
    expect(transactionCommission(aTransaction({ rewards: [] }))).toBeNull();
  });
});

describe('partneroFingerprint', () => {
  const mappings = [
    { partneroField: 'email', attioAttribute: 'email_addresses' },
    { partneroField: 'full_name', attioAttribute: 'name' },
  ];

  it('depends only on the mapped fields', () => {
    expect(partneroFingerprint('customer', aCustomer(), mappings)).toBe(
      partneroFingerprint('customer', aCustomer({ status: 'archived', updated_at: 'later' }), mappings),
    );
  });

  it('changes when a mapped field changes', () => {
    expect(partneroFingerprint('customer', aCustomer(), mappings)).not.toBe(
      partneroFingerprint('customer', aCustomer({ surname: 'Green' }), mappings),
    );
  });
});
