import { acceptedAttioDeliverySchema, attioDeliveryMessages } from '../../../shared/attio-to-partnero/delivery-messages';
import type { DeliveryContext } from '../../../shared/webhooks/webhook-ingress';
import { anEvent } from './attio-records';

function aContext(headers: Record<string, string | undefined> = { 'idempotency-key': 'idem-1' }): DeliveryContext {
  return { programId: 'prog-1', rawBody: '{}', headers, receivedAt: '2025-06-01T00:00:00.000Z' };
}

describe('attioDeliveryMessages', () => {
  it('enqueues every record event of a delivery, each with the Idempotency-Key and its index as delivery key', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [anEvent('record.updated', 'deal-1', { attributeId: 'stage' }), anEvent('record.updated', 'deal-1', { attributeId: 'value' })] };
    // Act
    const messages = attioDeliveryMessages(delivery, aContext());
    // Assess
    expect(messages.map((entry) => entry.message.deliveryKey)).toEqual(['attio:prog-1:idem-1:0', 'attio:prog-1:idem-1:1']);
    expect(messages.map((entry) => entry.deduplicationId)).toEqual(['attio:prog-1:idem-1:0', 'attio:prog-1:idem-1:1']);
    expect(messages[0]?.message).toMatchObject({ programId: 'prog-1', source: 'attio', event: { event_type: 'record.updated', id: { record_id: 'deal-1' } } });
  });

  it('gives a redelivery the same keys, so the queue and the worker recognise it', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [anEvent('record.updated', 'deal-1')] };
    // Act
    const first = attioDeliveryMessages(delivery, aContext());
    const retry = attioDeliveryMessages(delivery, { ...aContext(), receivedAt: '2025-06-01T00:05:00.000Z' });
    // Assess
    expect(retry[0]?.deduplicationId).toBe(first[0]?.deduplicationId);
  });

  it('groups the events of one record together and different records apart', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [anEvent('record.updated', 'deal-1'), anEvent('record.deleted', 'deal-1'), anEvent('record.updated', 'deal-2')] };
    // Act
    const groups = attioDeliveryMessages(delivery, aContext()).map((entry) => entry.groupId);
    // Assess
    expect(groups[0]).toBe(groups[1]);
    expect(groups[2]).not.toBe(groups[0]);
  });

  it('puts both events of a merge in the group of the new record', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-a' }), anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-b' })] };
    // Act
    const groups = attioDeliveryMessages(delivery, aContext()).map((entry) => entry.groupId);
    // Assess
    expect(groups[0]).toBe(groups[1]);
    expect(groups[0]).toBe(attioDeliveryMessages({ webhook_id: 'h', events: [anEvent('record.updated', 'deal-new')] }, aContext())[0]?.groupId);
  });

  it('drops events the sync does not use and enqueues nothing for them', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [{ event_type: 'note.created', id: { note_id: 'n1' } }, { event_type: 'task.updated' }] };
    // Act
    const messages = attioDeliveryMessages(delivery, aContext());
    // Assess
    expect(messages).toEqual([]);
  });

  it('never deduplicates two deliveries without an Idempotency-Key, whose bodies can be byte-identical', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [anEvent('record.updated', 'deal-1', { attributeId: 'stage' })] };
    // Act
    const first = attioDeliveryMessages(delivery, aContext({}));
    const second = attioDeliveryMessages(delivery, aContext({}));
    // Assess
    expect(first[0]?.deduplicationId).not.toBe(second[0]?.deduplicationId);
  });
});

describe('acceptedAttioDeliverySchema', () => {
  it('accepts a delivery with events of any type', () => {
    // Act
    const parsed = acceptedAttioDeliverySchema.safeParse({ webhook_id: 'h', events: [{ event_type: 'note.created' }, anEvent('record.created', 'r1')] });
    // Assess
    expect(parsed.success).toBe(true);
  });

  it('refuses a record event without its record id, naming where', () => {
    // Act
    const parsed = acceptedAttioDeliverySchema.safeParse({ webhook_id: 'h', events: [{ event_type: 'record.updated', id: { workspace_id: 'w', object_id: 'o' } }] });
    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain('events.0.id.record_id');
  });

  it('refuses a body that is not a delivery', () => {
    // Act & Assess
    expect(acceptedAttioDeliverySchema.safeParse({ events: [] }).success).toBe(false);
    expect(acceptedAttioDeliverySchema.safeParse({ webhook_id: 'h', events: 'x' }).success).toBe(false);
  });
});
