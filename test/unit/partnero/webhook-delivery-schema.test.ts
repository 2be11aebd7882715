import {
  isPartneroSyncedEvent,
  partneroWebhookDeliverySchema,
  partneroWebhookEnvelopeSchema,
} from '../../../shared/partnero/webhook-delivery-schema';

const envelope = { url: 'https://sync.example/webhooks/partnero/p1', webhook_key: 'abcdefghijkl', created_at: '2025-05-07T10:30:00.000000Z' };

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
    expect(parsed.data).toMatchObject({ key: 'deal_1', amount: 100, amount_units: 'EUR', customer: 'cust_1', partner: 'partner_1' });
  });

  it('reads a customer.updated delivery by key and email', () => {
    // Act
    const parsed = partneroWebhookDeliverySchema.parse({ ...envelope, event: 'customer.updated', data: { key: 'cust_1', email: 'a@example.com', partner: 'p1' } });

    // Assess
    expect(parsed.data).toMatchObject({ key: 'cust_1', email: 'a@example.com' });
  });

  it('refuses a partner event without the partner email the sync matches on', () => {
    // Act
    const result = partneroWebhookDeliverySchema.safeParse({ ...envelope, event: 'partner.updated', data: { id: 'partner_1' } });

    // Assess
    expect(result.success).toBe(false);
  });

  it('refuses a transaction event without its key or amount', () => {
    // Act
    const withoutKey = partneroWebhookDeliverySchema.safeParse({ ...envelope, event: 'transaction.created', data: { amount: 5, customer: 'c' } });
    const withoutAmount = partneroWebhookDeliverySchema.safeParse({ ...envelope, event: 'transaction.created', data: { key: 'k', customer: 'c' } });

    // Assess
    expect(withoutKey.success).toBe(false);
    expect(withoutAmount.success).toBe(false);
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
  });
});
