import {
  partneroRecordMessage,
  saleDeletedMessage,
  syncOriginOf,
  type ListedRecord,
} from '../../../shared/backfill/record-messages';
import { partneroWebhookDeliverySchema } from '../../../shared/partnero/webhook-delivery-schema';
import { readPartneroEvent } from '../../../shared/partnero-to-attio/partnero-event';
import { syncMessageSchema } from '../../../shared/queue/sync-message';
import { recordRoute } from '../../../shared/queue/sync-queues';

const partner: ListedRecord = {
  kind: 'partner',
  record: { id: 'p-1', email: 'jane@example.com', updated_at: '2026-01-01T00:00:00.000000Z' },
};
const sale: ListedRecord = {
  kind: 'transaction',
  record: { key: 'sale-1', amount: 10, customer: 'c-1', created_at: '2026-01-02T00:00:00.000000Z' },
};

describe('partneroRecordMessage', () => {
  it('is the delivery a webhook would have brought, in the record’s lane, under its record key', () => {
    // Act
    const queued = partneroRecordMessage('prog', partner, { source: 'backfill', runId: 'run-1' });
    // Assess
    const message = syncMessageSchema.parse(JSON.parse(JSON.stringify(queued.message)));
    const event = readPartneroEvent(partneroWebhookDeliverySchema.parse(message.event));
    expect(event).toMatchObject({
      name: 'partner.updated',
      kind: 'partner',
      partneroId: 'p-1',
      intent: 'upsert',
      version: '2026-01-01T00:00:00.000000Z',
    });
    expect(queued.groupId).toBe(recordRoute('prog', 'partner', 'p-1').groupId);
    expect(message.recordKey).toBe(recordRoute('prog', 'partner', 'p-1').recordKey);
    expect(message.source).toBe('partnero');
  });

  it('makes a sale a transaction.created', () => {
    const queued = partneroRecordMessage('prog', sale, { source: 'reconciliation', runId: 'run-1' });
    expect(readPartneroEvent(partneroWebhookDeliverySchema.parse(queued.message.event))).toMatchObject({
      name: 'transaction.created',
      partneroId: 'sale-1',
    });
  });

  it('has one delivery key per run and record: the same page sent twice is one message, the next run a new one', () => {
    const first = partneroRecordMessage(
      'prog',
      partner,
      { source: 'backfill', runId: 'run-1' },
      new Date('2026-01-01T00:00:00Z'),
    );
    const resent = partneroRecordMessage(
      'prog',
      partner,
      { source: 'backfill', runId: 'run-1' },
      new Date('2026-01-01T00:05:00Z'),
    );
    const nextRun = partneroRecordMessage('prog', partner, { source: 'backfill', runId: 'run-2' });
    expect(resent.message.deliveryKey).toBe(first.message.deliveryKey);
    expect(resent.deduplicationId).toBe(first.deduplicationId);
    expect(nextRun.message.deliveryKey).not.toBe(first.message.deliveryKey);
  });

  it('carries its origin for the progress counter; a webhook’s message has none', () => {
    const queued = partneroRecordMessage('prog', partner, { source: 'backfill', runId: 'run-1' });
    expect(syncOriginOf(queued.message)).toEqual({ source: 'backfill', runId: 'run-1', kind: 'partner' });
    expect(
      syncOriginOf({ ...queued.message, event: { event: 'partner.updated', data: partner.record } }),
    ).toBeUndefined();
  });
});

describe('saleDeletedMessage', () => {
  it('is a transaction.deleted of the sale, newer than the sale, in the sale’s lane, under its record key', () => {
    // Act
    const queued = saleDeletedMessage(
      'prog',
      'sale-1',
      { source: 'reconciliation', runId: 'run-1' },
      new Date('2026-02-01T00:00:00Z'),
    );
    // Assess
    const event = readPartneroEvent(partneroWebhookDeliverySchema.parse(queued.message.event));
    expect(event).toMatchObject({
      name: 'transaction.deleted',
      kind: 'transaction',
      partneroId: 'sale-1',
      intent: 'retire',
      version: '2026-02-01T00:00:00.000Z',
    });
    expect(queued.groupId).toBe(recordRoute('prog', 'transaction', 'sale-1').groupId);
    expect(queued.message.recordKey).toBe(recordRoute('prog', 'transaction', 'sale-1').recordKey);
  });
});
