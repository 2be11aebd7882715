import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attioEventDeliveryKey } from '../../../shared/attio-to-partnero/attio-event-deduplication';
import { interpretAttioDelivery as interpretWithWindow } from '../../../shared/attio-to-partnero/delivery-messages';
import type { DeliveryContext } from '../../../shared/webhooks/webhook-ingress';
import { anEvent } from './attio-records';

function aContext(headers: Record<string, string | undefined> = { 'idempotency-key': 'idem-1' }): DeliveryContext {
  return { programId: 'prog-1', rawBody: '{}', headers, receivedAt: '2025-06-01T00:00:00.000Z' };
}

const W = 5;
const interpretAttioDelivery = (delivery: unknown, context: DeliveryContext) =>
  interpretWithWindow(delivery, context, W);
const attioDeliveryMessages = (delivery: unknown, context: DeliveryContext) =>
  interpretAttioDelivery(delivery, context).messages;

describe('interpretAttioDelivery: queued events', () => {
  it('enqueues every record event of a delivery, each keyed by the event as signed and the window of its receipt', () => {
    // Prepare
    const delivery = {
      webhook_id: 'hook-1',
      events: [
        anEvent('record.updated', 'deal-1', { attributeId: 'stage' }),
        anEvent('record.updated', 'deal-1', { attributeId: 'value' }),
      ],
    };
    // Act
    const messages = attioDeliveryMessages(delivery, aContext());
    // Assess
    const expected = delivery.events.map((event) => attioEventDeliveryKey('prog-1', event, aContext().receivedAt, W));
    expect(messages.map((entry) => entry.message.deliveryKey)).toEqual(expected);
    expect(messages.map((entry) => entry.deduplicationId)).toEqual(expected);
    expect(new Set(expected).size).toBe(2);
    expect(messages[0]?.message).toMatchObject({
      programId: 'prog-1',
      source: 'attio',
      event: { event_type: 'record.updated', id: { record_id: 'deal-1' } },
    });
  });

  it('gives a replay inside the window the same keys whatever its Idempotency-Key, which Attio does not sign', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [anEvent('record.updated', 'deal-1')] };
    const later = '2025-06-01T00:00:04.000Z';
    // Act
    const first = attioDeliveryMessages(delivery, aContext());
    const replays = [
      aContext({ 'idempotency-key': 'idem-forged' }),
      aContext({}),
      aContext({ 'idempotency-key': 'idem-1' }),
    ].map((context) => attioDeliveryMessages(delivery, { ...context, receivedAt: later })[0]?.deduplicationId);
    // Assess
    expect(replays).toEqual([first[0]?.deduplicationId, first[0]?.deduplicationId, first[0]?.deduplicationId]);
  });

  it('gives a redelivery in a later window new keys: a retry of Attio minutes later costs one re-fetch', () => {
    // Prepare
    const delivery = { webhook_id: 'hook-1', events: [anEvent('record.updated', 'deal-1')] };
    // Act
    const first = attioDeliveryMessages(delivery, aContext());
    const retry = attioDeliveryMessages(delivery, { ...aContext(), receivedAt: '2025-06-01T00:05:00.000Z' });
    // Assess
    expect(retry[0]?.deduplicationId).not.toBe(first[0]?.deduplicationId);
  });

  it('queues an event repeated within one delivery once', () => {
    // Prepare
    const event = anEvent('record.updated', 'deal-1', { attributeId: 'stage' });
    const delivery = {
      webhook_id: 'hook-1',
      events: [event, structuredClone(event), anEvent('record.deleted', 'deal-1')],
    };
    // Act
    const messages = attioDeliveryMessages(delivery, aContext());
    // Assess
    expect(messages.map((entry) => (entry.message.event as { event_type: string }).event_type)).toEqual([
      'record.updated',
      'record.deleted',
    ]);
  });

  it('puts the events of one record in one lane under one record key, and different records under different keys', () => {
    // Prepare
    const delivery = {
      webhook_id: 'hook-1',
      events: [
        anEvent('record.updated', 'deal-1'),
        anEvent('record.deleted', 'deal-1'),
        anEvent('record.updated', 'deal-2'),
      ],
    };
    // Act
    const [first, second, other] = attioDeliveryMessages(delivery, aContext());
    // Assess
    expect(second?.groupId).toBe(first?.groupId);
    expect(second?.message.recordKey).toBe(first?.message.recordKey);
    expect(other?.message.recordKey).not.toBe(first?.message.recordKey);
  });

  it('puts both events of a merge in the group of the new record', () => {
    // Prepare
    const delivery = {
      webhook_id: 'hook-1',
      events: [
        anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-a' }),
        anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-b' }),
      ],
    };
    // Act
    const keys = attioDeliveryMessages(delivery, aContext()).map(
      (entry) => `${entry.groupId} ${entry.message.recordKey}`,
    );
    // Assess
    const [ofNewRecord] = attioDeliveryMessages(
      { webhook_id: 'h', events: [anEvent('record.updated', 'deal-new')] },
      aContext(),
    );
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toBe(`${ofNewRecord?.groupId} ${ofNewRecord?.message.recordKey}`);
  });

  it('ignores documented events the sync does not use, queueing nothing and keeping nothing', () => {
    // Prepare
    const delivery = {
      webhook_id: 'hook-1',
      events: [{ event_type: 'note.created', id: { note_id: 'n1' } }, { event_type: 'task.updated' }],
    };
    // Act
    const result = interpretAttioDelivery(delivery, aContext());
    // Assess
    expect(result.messages).toEqual([]);
    expect(result.unreadable).toEqual([]);
    expect(result.ignored.map((note) => note.sourceEvent)).toEqual(['note.created', 'task.updated']);
  });
});

// Before issue 13 these deliveries were refused with a 400, which Attio retries and counts
// against the webhook: now they are read as unreadable, so the route acknowledges and parks them.
describe('interpretAttioDelivery: what it cannot read', () => {
  it('finds an unknown event type unreadable while still queueing the record events beside it', () => {
    // Act
    const result = interpretAttioDelivery(
      { webhook_id: 'h', events: [{ event_type: 'record.teleported' }, anEvent('record.created', 'r1')] },
      aContext(),
    );
    // Assess
    expect(result.messages).toHaveLength(1);
    expect(result.unreadable).toEqual([
      { sourceEvent: 'record.teleported', sourceRecord: null, reason: 'unknown Attio event type record.teleported' },
    ]);
  });

  it('finds a record event without its record id unreadable, naming where', () => {
    // Act
    const result = interpretAttioDelivery(
      { webhook_id: 'h', events: [{ event_type: 'record.updated', id: { workspace_id: 'w', object_id: 'o' } }] },
      aContext(),
    );
    // Assess
    expect(result.messages).toEqual([]);
    expect(result.unreadable[0]?.reason).toContain('id.record_id');
  });

  it('names the record of an event of an unexpected shape when it can, so its history entry is found from it', () => {
    // Act
    const result = interpretAttioDelivery(
      {
        webhook_id: 'h',
        events: [{ event_type: 'record.updated', id: { workspace_id: 'w', object_id: 'o', record_id: 'r' } }],
      },
      aContext(),
    );
    // Assess
    expect(result.unreadable[0]?.sourceRecord).toBe('attio:o:r');
  });

  it('finds a body that is not a delivery unreadable', () => {
    expect(interpretAttioDelivery({ webhook_id: 'h', events: 'x' }, aContext()).unreadable).toHaveLength(1);
    expect(interpretAttioDelivery({ webhook_id: 'h', events: [42] }, aContext()).unreadable).toHaveLength(1);
    expect(interpretAttioDelivery(null, aContext()).unreadable).toHaveLength(1);
  });

  it('reads a delivery without a webhook_id, which the sync never uses', () => {
    expect(interpretAttioDelivery({ events: [anEvent('record.created', 'r1')] }, aContext()).messages).toHaveLength(1);
  });
});

describe('interpretAttioDelivery: the documented examples', () => {
  const fixture = (name: string): unknown =>
    JSON.parse(readFileSync(join(__dirname, '../../fixtures/attio', name), 'utf8'));

  it.each([
    'webhook-record-created.json',
    'webhook-record-updated.json',
    'webhook-record-merged.json',
    'webhook-record-deleted-system.json',
  ])('queues the record event of %s', (name) => {
    // Act
    const result = interpretAttioDelivery(fixture(name), aContext());
    // Assess
    expect([result.messages.length, result.ignored, result.unreadable]).toEqual([1, [], []]);
  });

  it('ignores the documented list-entry.updated example', () => {
    // Act
    const result = interpretAttioDelivery(fixture('webhook-list-entry-updated.json'), aContext());
    // Assess
    expect([result.messages, result.ignored.map((note) => note.sourceEvent), result.unreadable]).toEqual([
      [],
      ['list-entry.updated'],
      [],
    ]);
  });
});
