import { partneroCustomerSchema, partneroTransactionSchema } from '../../../shared/partnero/resource-schemas';

const sale = {
  key: 'transaction_123',
  action: 'sale',
  amount: 99.99,
  amount_units: 'USD',
  created_at: '2025-05-07T05:32:48.000000Z',
  deleted_at: null,
};

describe('partneroTransactionSchema', () => {
  it('reads customer and partner as the strings the docs show', () => {
    // Act
    const parsed = partneroTransactionSchema.parse({ ...sale, customer: 'customer_123', partner: 'partner_123' });
    // Assess
    expect(parsed).toMatchObject({ customer: 'customer_123', partner: 'partner_123' });
  });

  it('reads customer as an object carrying its key and partner as an object carrying its id', () => {
    // Act
    const parsed = partneroTransactionSchema.parse({
      ...sale,
      customer: { key: 'customer_123', email: 'a@example.com' },
      partner: { id: 'partner_123', key: 'ref' },
    });
    // Assess
    expect(parsed).toMatchObject({ customer: 'customer_123', partner: 'partner_123' });
  });

  it('reads a partner object without an id as no linkable partner rather than refusing the sale', () => {
    // Act
    const parsed = partneroTransactionSchema.parse({
      ...sale,
      customer: 'customer_123',
      partner: { key: 'ref', email: 'p@example.com' },
    });
    // Assess
    expect(parsed.partner).toBeNull();
  });

  it('reads the references of its rewards the same way', () => {
    // Act
    const parsed = partneroTransactionSchema.parse({
      ...sale,
      customer: 'c',
      rewards: [{ amount: 3, customer: { key: 'c' }, partner: { id: 'p' } }],
    });
    // Assess
    expect(parsed.rewards?.[0]).toMatchObject({ customer: 'c', partner: 'p' });
  });

  it('still refuses a sale without its customer', () => {
    expect(partneroTransactionSchema.safeParse(sale).success).toBe(false);
  });
});

describe('partneroCustomerSchema', () => {
  it('reads the referring partner as an id string or an object with an id', () => {
    // Act
    const asString = partneroCustomerSchema.parse({ key: 'c1', partner: 'partner_123' });
    const asObject = partneroCustomerSchema.parse({ key: 'c1', partner: { id: 'partner_123' } });
    // Assess
    expect(asString.partner).toBe('partner_123');
    expect(asObject.partner).toBe('partner_123');
  });
});
