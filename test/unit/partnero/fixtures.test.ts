import { dataEnvelope, pageEnvelope } from '../../../shared/partnero/envelope-schemas';
import {
  partneroCustomerSchema,
  partneroPartnerSchema,
  partneroTransactionSchema,
  partneroWebhookSchema,
} from '../../../shared/partnero/resource-schemas';
import { partneroWebhookDeliverySchema } from '../../../shared/partnero/webhook-delivery-schema';
import { loadFixture } from './scripted-transport';

describe('the documented Partnero example payloads', () => {
  it('parse a partner create response with its id, email and tags', () => {
    // Act
    const parsed = dataEnvelope(partneroPartnerSchema).parse(loadFixture('partner-create-response'));

    // Assess
    expect(parsed.data).toMatchObject({
      id: 'partner_123',
      email: 'john.doe@partnero.com',
      status: 'active',
      approved: true,
    });
    expect(parsed.data.tags).toEqual([{ value: 'premium' }, { value: 'new' }]);
  });

  it('keep fields the schema does not name, such as referrals_count', () => {
    // Act
    const parsed = dataEnvelope(partneroPartnerSchema).parse(loadFixture('partner-create-response'));

    // Assess
    expect(parsed.data).toHaveProperty('referrals_count', 0);
  });

  it('parse a customer create response whose partner is the partner id', () => {
    // Act
    const parsed = dataEnvelope(partneroCustomerSchema).parse(loadFixture('customer-create-response'));

    // Assess
    expect(parsed.data).toMatchObject({
      key: 'customer_123',
      partner: 'partner_123',
      deleted: false,
      deleted_at: null,
    });
  });

  it('parse a transaction create response with its unrounded reward', () => {
    // Act
    const parsed = dataEnvelope(partneroTransactionSchema).parse(loadFixture('transaction-create-response'));

    // Assess
    expect(parsed.data).toMatchObject({
      key: 'transaction_123',
      amount: 99.99,
      amount_units: 'USD',
      customer: 'customer_123',
      partner: 'partner_123',
    });
    expect(parsed.data.rewards?.[0]?.amount).toBe(29.997);
  });

  it('parse a webhook create response with its signing secret', () => {
    // Act
    const parsed = dataEnvelope(partneroWebhookSchema).parse(loadFixture('webhook-create-response'));

    // Assess
    expect(parsed.data).toMatchObject({ key: 'uLbBzVvN7ARX', signature: 'Sjn3sNnmh14yk6zb', is_active: true });
  });

  it('parse a partner.created delivery envelope', () => {
    // Act
    const parsed = partneroWebhookDeliverySchema.parse(loadFixture('webhook-delivery-partner-created'));

    // Assess
    expect(parsed.event).toBe('partner.created');
    expect(parsed.webhook_key).toBe('wh_abc123');
    expect(parsed.data).toMatchObject({ id: 'partner_123', email: 'john.doe@partnero.com' });
  });

  it('parse a list page without totals, ending at links.next null', () => {
    // Act
    const parsed = pageEnvelope(partneroPartnerSchema).parse(loadFixture('partner-list-page'));

    // Assess
    expect(parsed.data.map((partner) => partner.key)).toEqual(['lphs8bcrfmgv']);
    expect(parsed.links?.next).toBeNull();
    expect(parsed.meta?.per_page).toBe(15);
  });
});
