import {
  isPartneroIgnoredEvent,
  isPartneroSyncedEvent,
  partneroWebhookDeliverySchema,
  partneroWebhookEnvelopeSchema,
} from '../../../shared/partnero/webhook-delivery-schema';

const envelope = {
  url: 'https://sync.example/webhooks/partnero/p1',
  webhook_key: 'abcdefghijkl',
  created_at: '2025-05-07T10:30:00.000000Z',
};

describe('partneroWebhookDeliverySchema', () => {
  it('reads a transaction.created delivery with the credited partner id', () => {
    // Prepare
    const delivery = {
      ...envelope,
      event: 'transaction.created',
      data: { key: 'deal_1', amount: 100, amount_units: 'EUR', customer: 'cust_1', partner: 'partner_1', rewards: [] },
    };

    // Act
    const parsed = partneroWebhookDeliverySchema.parse(delivery);

    // Assess
    expect(parsed.event).toBe('transaction.created');
    expect(parsed.data).toMatchObject({
      key: 'deal_1',
      amount: 100,
      amount_units: 'EUR',
      customer: 'cust_1',
      partner: 'partner_1',
    });
  });

  it('reads a customer.updated delivery by key and email', () => {
    // Act
    const parsed = partneroWebhookDeliverySchema.parse({
      ...envelope,
      event: 'customer.updated',
      data: { key: 'cust_1', email: 'a@example.com', partner: 'p1' },
    });

    // Assess
    expect(parsed.data).toMatchObject({ key: 'cust_1', email: 'a@example.com' });
  });

  // Before issue 13 a partner event without an email and a sale without an amount were refused:
  // no source documents those fields in deliveries, so only the record's identity is required now.
  it('reads a partner event that names only the partner id, as the thinnest delivery may', () => {
    // Act
    const parsed = partneroWebhookDeliverySchema.parse({
      ...envelope,
      event: 'partner.deleted',
      data: { id: 'partner_1' },
    });

    // Assess
    expect(parsed.data).toMatchObject({ id: 'partner_1' });
  });

  it('reads the documented partner.created payload, and a numeric id as its string', () => {
    // Act
    const parsed = partneroWebhookDeliverySchema.parse({
      ...envelope,
      event: 'partner.created',
      data: { id: 42, email: 'j@example.com', name: 'John', surname: 'Doe', created_at: '2025-05-07T10:30:00.000000Z' },
    });

    // Assess
    expect(parsed.data).toMatchObject({ id: '42', created_at: '2025-05-07T10:30:00.000000Z' });
  });

  it('reads a customer event by its key alone and a transaction event by its key alone', () => {
    // Act
    const customer = partneroWebhookDeliverySchema.safeParse({
      ...envelope,
      event: 'customer.deleted',
      data: { key: 'cust_1' },
    });
    const sale = partneroWebhookDeliverySchema.safeParse({
      ...envelope,
      event: 'transaction.created',
      data: { key: 'k', partner: { id: 'p1' }, customer: { key: 'c' } },
    });

    // Assess
    expect(customer.success).toBe(true);
    expect(sale.success).toBe(true);
  });

  it('reads a timestamp it cannot use as absent instead of refusing the delivery', () => {
    // Act
    const parsed = partneroWebhookDeliverySchema.parse({
      ...envelope,
      created_at: 1746613800,
      event: 'customer.updated',
      data: { key: 'cust_1', updated_at: 1746613800 },
    });

    // Assess
    expect(parsed.data.key).toBe('cust_1');
    expect(parsed.data).toMatchObject({ updated_at: null });
  });

  it('refuses a synced event that does not name its record', () => {
    // Act
    const partner = partneroWebhookDeliverySchema.safeParse({
      ...envelope,
      event: 'partner.updated',
      data: { email: 'a@example.com' },
    });
    const sale = partneroWebhookDeliverySchema.safeParse({
      ...envelope,
      event: 'transaction.created',
      data: { amount: 5, customer: 'c' },
    });
    const customer = partneroWebhookDeliverySchema.safeParse({
      ...envelope,
      event: 'customer.created',
      data: 'cust_1',
    });

    // Assess
    expect(partner.success).toBe(false);
    expect(sale.success).toBe(false);
    expect(customer.success).toBe(false);
  });

  it('refuses events the sync does not handle, which the generic envelope still reads', () => {
    // Prepare
    const lead = { ...envelope, event: 'lead.submitted', data: { id: 7 } };

    // Act
    const typed = partneroWebhookDeliverySchema.safeParse(lead);
    const generic = partneroWebhookEnvelopeSchema.safeParse(lead);

    // Assess
    expect(typed.success).toBe(false);
    expect(generic.success).toBe(true);
    expect(isPartneroSyncedEvent('lead.submitted')).toBe(false);
    expect(isPartneroSyncedEvent('transaction.deleted')).toBe(true);
    expect(isPartneroIgnoredEvent('lead.submitted')).toBe(true);
    expect(isPartneroIgnoredEvent('partner.created')).toBe(false);
    expect(isPartneroIgnoredEvent('partner.teleported')).toBe(false);
  });
});
