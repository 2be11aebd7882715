import type { PartneroCustomer, PartneroPartner, PartneroTransaction } from '../../../shared/partnero/resource-schemas';
import {
  partneroWebhookDeliverySchema,
  type PartneroWebhookDelivery,
} from '../../../shared/partnero/webhook-delivery-schema';

/** Partnero resources and deliveries shaped like the docs' examples, for the tests of this direction. */
export function aPartner(overrides: Partial<PartneroPartner> = {}): PartneroPartner {
  return {
    id: 'partner_123',
    key: 'ref_123',
    email: 'john.doe@partnero.com',
    name: 'John',
    surname: 'Doe',
    status: 'active',
    approved: true,
    tags: [{ value: 'premium' }],
    referral_link: 'https://shop.example?aff=ref_123',
    created_at: '2025-05-07T10:30:00.000000Z',
    updated_at: '2025-05-07T10:30:00.000000Z',
    ...overrides,
  };
}

export function aCustomer(overrides: Partial<PartneroCustomer> = {}): PartneroCustomer {
  return {
    key: 'customer_123',
    partner: 'partner_123',
    deleted: false,
    name: 'Alice',
    surname: 'Brown',
    email: 'alice@brown.example',
    status: 'active',
    created_at: '2025-05-02T16:12:39.000000Z',
    updated_at: '2025-05-02T16:12:39.000000Z',
    deleted_at: null,
    tags: [],
    ...overrides,
  };
}

export function aTransaction(overrides: Partial<PartneroTransaction> = {}): PartneroTransaction {
  return {
    key: 'transaction_123',
    action: 'sale',
    amount: 99.99,
    partner: 'partner_123',
    customer: 'customer_123',
    amount_units: 'USD',
    created_at: '2025-05-07T05:32:48.000000Z',
    deleted_at: null,
    rewards: [{ key: 'transaction_123', action: 'sale', status: 'ok', amount: 29.997, amount_units: 'USD' }],
    ...overrides,
  };
}

/** Any data: a delivery names its record and may carry more (the resource, or only the documented fields). */
export function aDelivery(event: PartneroWebhookDelivery['event'], data: object): PartneroWebhookDelivery {
  return partneroWebhookDeliverySchema.parse({
    event,
    url: 'https://sync.example/webhooks/partnero/p1',
    webhook_key: 'wh_abc123',
    created_at: '2025-05-07T10:30:01.000000Z',
    data,
  });
}
