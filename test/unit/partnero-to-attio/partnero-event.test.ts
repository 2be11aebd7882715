import {
  compareVersions,
  isOlderThanApplied,
  readPartneroEvent,
} from '../../../shared/partnero-to-attio/partnero-event';
import { aCustomer, aDelivery, aPartner, aTransaction } from './partnero-deliveries';

describe('readPartneroEvent', () => {
  it.each([
    ['partner.created', 'upsert'],
    ['partner.updated', 'upsert'],
    ['partner.approved', 'upsert'],
    ['partner.rejected', 'retire'],
    ['partner.archived', 'retire'],
    ['partner.deleted', 'retire'],
  ] as const)('reads %s as an %s of the partner, identified by its id and versioned by updated_at', (name, intent) => {
    // Prepare
    const delivery = aDelivery(name, aPartner({ updated_at: '2025-06-01T00:00:00.000000Z' }));
    // Act
    const event = readPartneroEvent(delivery);
    // Assess
    expect(event).toMatchObject({
      name,
      kind: 'partner',
      partneroId: 'partner_123',
      intent,
      version: '2025-06-01T00:00:00.000000Z',
    });
  });

  it('versions the documented partner.created payload by its created_at, and a delivery without timestamps not at all', () => {
    // Prepare
    const documented = {
      id: 'partner_1',
      email: 'j@example.com',
      name: 'John',
      surname: 'Doe',
      created_at: '2025-05-07T10:30:00.000000Z',
    };
    // Act
    const created = readPartneroEvent(aDelivery('partner.created', documented));
    const updated = readPartneroEvent(aDelivery('partner.updated', documented));
    const deleted = readPartneroEvent(aDelivery('customer.deleted', { key: 'cust_1' }));
    // Assess
    expect(created).toMatchObject({ partneroId: 'partner_1', version: '2025-05-07T10:30:00.000000Z' });
    expect(updated.version).toBeNull();
    expect(deleted).toMatchObject({ partneroId: 'cust_1', intent: 'retire', version: null });
  });

  it('identifies a customer by its key and versions its deletion by deleted_at', () => {
    // Prepare
    const delivery = aDelivery(
      'customer.deleted',
      aCustomer({ deleted: true, deleted_at: '2025-07-01T00:00:00.000000Z' }),
    );
    // Act
    const event = readPartneroEvent(delivery);
    // Assess
    expect(event).toMatchObject({
      kind: 'customer',
      partneroId: 'customer_123',
      intent: 'retire',
      version: '2025-07-01T00:00:00.000000Z',
    });
  });

  it('versions a sale by its creation and its refund by its deletion', () => {
    // Prepare
    const created = aDelivery('transaction.created', aTransaction());
    const deleted = aDelivery('transaction.deleted', aTransaction({ deleted_at: '2025-08-01T00:00:00.000000Z' }));
    // Act
    const [sale, refund] = [readPartneroEvent(created), readPartneroEvent(deleted)];
    // Assess
    expect(sale).toMatchObject({
      kind: 'transaction',
      partneroId: 'transaction_123',
      intent: 'upsert',
      version: '2025-05-07T05:32:48.000000Z',
    });
    expect(refund).toMatchObject({ intent: 'retire', version: '2025-08-01T00:00:00.000000Z' });
  });
});

describe('compareVersions', () => {
  it('orders Partnero timestamps whatever their fraction digits', () => {
    expect(compareVersions('2025-05-07T10:30:00.000000Z', '2025-05-07T10:30:00.5Z')).toBeLessThan(0);
    expect(compareVersions('2025-05-07T10:30:01Z', '2025-05-07T10:30:00.999999Z')).toBeGreaterThan(0);
    expect(compareVersions('2025-05-07T10:30:00Z', '2025-05-07T10:30:00.000000Z')).toBe(0);
  });

  it('reads other ISO forms through Date', () => {
    expect(compareVersions('2025-05-07T12:30:00+02:00', '2025-05-07T10:30:00.000000Z')).toBe(0);
  });
});

describe('isOlderThanApplied', () => {
  it('calls only a strictly older version stale, and nothing stale without both versions', () => {
    expect(isOlderThanApplied('2025-01-01T00:00:00.000000Z', '2025-01-02T00:00:00.000000Z')).toBe(true);
    expect(isOlderThanApplied('2025-01-02T00:00:00.000000Z', '2025-01-02T00:00:00.000000Z')).toBe(false);
    expect(isOlderThanApplied(null, '2025-01-02T00:00:00.000000Z')).toBe(false);
    expect(isOlderThanApplied('2025-01-01T00:00:00.000000Z', null)).toBe(false);
  });
});
