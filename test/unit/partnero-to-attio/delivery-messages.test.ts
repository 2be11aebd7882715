import { createHash } from 'node:crypto';
import { acceptedPartneroDeliverySchema, partneroDeliveryMessages } from '../../../shared/partnero-to-attio/delivery-messages';
import { sqsGroupId } from '../../../shared/webhooks/webhook-ingress';
import { aPartner, aTransaction } from './partnero-deliveries';

const context = (rawBody: string) => ({ programId: 'p1', rawBody, headers: {}, receivedAt: '2025-05-07T10:30:02.000Z' });

describe('partneroDeliveryMessages', () => {
  it('queues a partner event in the message group of its program and partner, keyed by the hash of the raw body', () => {
    // Prepare
    const rawBody = JSON.stringify({ event: 'partner.updated', webhook_key: 'wh', created_at: 'x', data: aPartner() });
    const envelope = acceptedPartneroDeliverySchema.parse(JSON.parse(rawBody));
    // Act
    const [message, ...others] = partneroDeliveryMessages(envelope, context(rawBody));
    // Assess
    expect(others).toEqual([]);
    const expectedKey = createHash('sha256').update(`p1\n${rawBody}`).digest('hex');
    expect(message).toEqual({
      groupId: sqsGroupId('p1', 'partner', 'partner_123'),
      deduplicationId: expectedKey,
      message: { programId: 'p1', source: 'partnero', deliveryKey: expectedKey, receivedAt: '2025-05-07T10:30:02.000Z', event: envelope },
    });
  });

  it('gives a sale and its refund the same group, so the refund is applied after the sale', () => {
    // Prepare
    const created = JSON.stringify({ event: 'transaction.created', data: aTransaction() });
    const deleted = JSON.stringify({ event: 'transaction.deleted', data: aTransaction({ deleted_at: '2025-08-01T00:00:00.000000Z' }) });
    // Act
    const [sale] = partneroDeliveryMessages(acceptedPartneroDeliverySchema.parse(JSON.parse(created)), context(created));
    const [refund] = partneroDeliveryMessages(acceptedPartneroDeliverySchema.parse(JSON.parse(deleted)), context(deleted));
    // Assess
    expect(sale?.groupId).toBe(refund?.groupId);
    expect(sale?.deduplicationId).not.toBe(refund?.deduplicationId);
  });

  it('gives the same delivery to two programs two different keys', () => {
    // Prepare
    const rawBody = JSON.stringify({ event: 'partner.created', data: aPartner() });
    const envelope = acceptedPartneroDeliverySchema.parse(JSON.parse(rawBody));
    // Act
    const [first] = partneroDeliveryMessages(envelope, context(rawBody));
    const [second] = partneroDeliveryMessages(envelope, { ...context(rawBody), programId: 'p2' });
    // Assess
    expect(first?.message.deliveryKey).not.toBe(second?.message.deliveryKey);
  });

  it('accepts an event the sync does not use and queues nothing for it', () => {
    // Prepare
    const envelope = acceptedPartneroDeliverySchema.parse({ event: 'lead.submitted', data: { id: 7 } });
    // Act
    const messages = partneroDeliveryMessages(envelope, context('{}'));
    // Assess
    expect(messages).toEqual([]);
  });
});

describe('acceptedPartneroDeliverySchema', () => {
  it('refuses a synced event whose data lacks what the sync relies on, naming the field', () => {
    // Act
    const parsed = acceptedPartneroDeliverySchema.safeParse({ event: 'partner.updated', data: { email: 'a@b.example' } });
    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain('data.id');
  });

  it('refuses a body without an event', () => {
    expect(acceptedPartneroDeliverySchema.safeParse({ data: {} }).success).toBe(false);
  });
});
