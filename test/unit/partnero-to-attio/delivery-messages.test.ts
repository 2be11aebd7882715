import { createHash } from 'node:crypto';
import { interpretPartneroDelivery } from '../../../shared/partnero-to-attio/delivery-messages';
import { recordRoute } from '../../../shared/queue/sync-queues';
import { loadFixture } from '../partnero/scripted-transport';
import { aPartner, aTransaction } from './partnero-deliveries';

const context = (rawBody: string) => ({
  programId: 'p1',
  rawBody,
  headers: {},
  receivedAt: '2025-05-07T10:30:02.000Z',
});
const interpret = (body: unknown) => {
  const rawBody = JSON.stringify(body);
  return interpretPartneroDelivery(JSON.parse(rawBody), context(rawBody));
};

describe('interpretPartneroDelivery', () => {
  it("queues a partner event in its program's lane under the partner's record key, keyed by the hash of the raw body", () => {
    // Prepare
    const rawBody = JSON.stringify({ event: 'partner.updated', webhook_key: 'wh', created_at: 'x', data: aPartner() });
    // Act
    const { messages, ignored, unreadable } = interpretPartneroDelivery(JSON.parse(rawBody), context(rawBody));
    // Assess
    expect([ignored, unreadable]).toEqual([[], []]);
    const expectedKey = createHash('sha256').update(`p1\n${rawBody}`).digest('hex');
    expect(messages).toEqual([
      {
        groupId: recordRoute('p1', 'partner', 'partner_123').groupId,
        deduplicationId: expectedKey,
        message: {
          programId: 'p1',
          source: 'partnero',
          deliveryKey: expectedKey,
          receivedAt: '2025-05-07T10:30:02.000Z',
          recordKey: recordRoute('p1', 'partner', 'partner_123').recordKey,
          event: JSON.parse(rawBody),
        },
      },
    ]);
  });

  it('queues the thinnest deliveries the sources allow, each by the record it names', () => {
    // Act
    const partner = interpret({
      event: 'partner.created',
      data: {
        id: 'partner_1',
        email: 'j@example.com',
        name: 'John',
        surname: 'Doe',
        created_at: '2025-05-07T10:30:00.000000Z',
      },
    });
    const customer = interpret({ event: 'customer.deleted', data: { key: 'cust_1' } });
    const sale = interpret({ event: 'transaction.created', data: { key: 'sale_1', partner: 'partner_1' } });
    // Assess
    expect(partner.messages[0]).toMatchObject({
      groupId: recordRoute('p1', 'partner', 'partner_1').groupId,
      message: { recordKey: recordRoute('p1', 'partner', 'partner_1').recordKey },
    });
    expect(customer.messages[0]).toMatchObject({
      groupId: recordRoute('p1', 'customer', 'cust_1').groupId,
      message: { recordKey: recordRoute('p1', 'customer', 'cust_1').recordKey },
    });
    expect(sale.messages[0]).toMatchObject({
      groupId: recordRoute('p1', 'transaction', 'sale_1').groupId,
      message: { recordKey: recordRoute('p1', 'transaction', 'sale_1').recordKey },
    });
  });

  it("queues the docs' own partner.created example", () => {
    // Act
    const result = interpret(loadFixture('webhook-delivery-partner-created'));
    // Assess
    expect([result.messages.length, result.ignored, result.unreadable]).toEqual([1, [], []]);
  });

  it('gives a sale and its refund the same lane and record key, so the refund is applied after the sale', () => {
    // Act
    const [sale] = interpret({ event: 'transaction.created', data: aTransaction() }).messages;
    const [refund] = interpret({
      event: 'transaction.deleted',
      data: aTransaction({ deleted_at: '2025-08-01T00:00:00.000000Z' }),
    }).messages;
    // Assess
    expect(sale?.groupId).toBe(refund?.groupId);
    expect(sale?.message.recordKey).toBe(refund?.message.recordKey);
    expect(sale?.deduplicationId).not.toBe(refund?.deduplicationId);
  });

  it("applies a sale that names its buyer in the customer's line, after the customer's own events", () => {
    // Act
    const [customer] = interpret({ event: 'customer.created', data: { key: 'cust_1' } }).messages;
    const [saleByKey] = interpret({
      event: 'transaction.created',
      data: aTransaction({ customer: 'cust_1' }),
    }).messages;
    const [saleByObject] = interpret({
      event: 'transaction.created',
      data: { ...aTransaction(), customer: { key: 'cust_1', email: 'c@example.com' } },
    }).messages;
    const [thinSale] = interpret({ event: 'transaction.created', data: { key: 'sale_1' } }).messages;
    // Assess
    const customerRoute = recordRoute('p1', 'customer', 'cust_1');
    for (const sale of [saleByKey, saleByObject]) {
      expect(sale).toMatchObject({ groupId: customerRoute.groupId, message: { recordKey: customerRoute.recordKey } });
    }
    expect(customer).toMatchObject({ groupId: customerRoute.groupId, message: { recordKey: customerRoute.recordKey } });
    expect(thinSale?.message.recordKey).toBe(recordRoute('p1', 'transaction', 'sale_1').recordKey);
  });

  it('keys a thin delivery by its receipt too, so two changes sent as identical bodies are both applied', () => {
    // Prepare: two customer.updated deliveries of one second, carrying only the key (no version)
    const rawBody = JSON.stringify({
      event: 'customer.updated',
      created_at: '2025-05-07T10:30:00.000000Z',
      data: { key: 'cust-1' },
    });
    const at = (receivedAt: string) =>
      interpretPartneroDelivery(JSON.parse(rawBody), { ...context(rawBody), receivedAt }).messages[0]?.message
        .deliveryKey;
    // Act
    const first = at('2025-05-07T10:30:00.120Z');
    const second = at('2025-05-07T10:30:00.480Z');
    // Assess
    expect(first).toBeDefined();
    expect(first).not.toBe(second);
    expect(at('2025-05-07T10:30:00.120Z')).toBe(first);
  });

  it('keys a delivery that carries its version by the body alone, so a retry of it is recognised', () => {
    // Prepare
    const rawBody = JSON.stringify({ event: 'partner.updated', created_at: 'x', data: aPartner() });
    const at = (receivedAt: string) =>
      interpretPartneroDelivery(JSON.parse(rawBody), { ...context(rawBody), receivedAt }).messages[0]?.message
        .deliveryKey;
    // Act
    const original = at('2025-05-07T10:30:00.120Z');
    const retry = at('2025-05-07T10:35:00.000Z');
    // Assess
    expect(retry).toBe(original);
  });

  it('gives the same delivery to two programs two different keys', () => {
    // Prepare
    const rawBody = JSON.stringify({ event: 'partner.created', data: aPartner() });
    // Act
    const [first] = interpretPartneroDelivery(JSON.parse(rawBody), context(rawBody)).messages;
    const [second] = interpretPartneroDelivery(JSON.parse(rawBody), { ...context(rawBody), programId: 'p2' }).messages;
    // Assess
    expect(first?.message.deliveryKey).not.toBe(second?.message.deliveryKey);
  });

  it('ignores a documented event the sync does not use, queueing nothing and keeping nothing', () => {
    // Act
    const result = interpret({ event: 'lead.submitted', data: { id: 7 } });
    // Assess
    expect(result).toEqual({
      messages: [],
      unreadable: [],
      ignored: [
        {
          sourceEvent: 'lead.submitted',
          sourceRecord: null,
          reason: 'Partnero event lead.submitted is not one the sync uses',
        },
      ],
    });
  });

  it('finds an unknown event type unreadable, so the delivery is kept', () => {
    // Act
    const result = interpret({ event: 'partner.teleported', data: { id: 'p' } });
    // Assess
    expect(result.messages).toEqual([]);
    expect(result.unreadable).toEqual([
      {
        sourceEvent: 'partner.teleported',
        sourceRecord: null,
        reason: 'unknown Partnero event type partner.teleported',
      },
    ]);
  });

  it('finds a synced event that names no record unreadable, saying where, without quoting the body', () => {
    // Act
    const result = interpret({ event: 'partner.updated', data: { email: 'secret-looking@b.example' } });
    // Assess
    expect(result.messages).toEqual([]);
    expect(result.unreadable[0]?.reason).toContain('data.id');
    expect(result.unreadable[0]?.reason).not.toContain('secret-looking');
  });

  it('finds a body without an event, or not an object at all, unreadable', () => {
    expect(interpret({ data: {} }).unreadable).toHaveLength(1);
    expect(interpret(['partner.created']).unreadable).toHaveLength(1);
    expect(interpret({ event: 'x'.repeat(500), data: {} }).unreadable[0]?.sourceEvent.length).toBeLessThanOrEqual(101);
  });
});
