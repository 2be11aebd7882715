import { createHash } from 'node:crypto';
import { attioEventDeliveryKey, eventWindowOf } from '../../../shared/attio-to-partnero/attio-event-deduplication';
import { anEvent } from './attio-records';

const W = 5;
const WINDOW_START = '2025-06-01T00:00:00.000Z';
const keyOf = (event: unknown, receivedAt = WINDOW_START, programId = 'prog-1') =>
  attioEventDeliveryKey(programId, event, receivedAt, W);

describe('attioEventDeliveryKey', () => {
  it('names the program, the window of the receipt and the SHA-256 of the event as delivered', () => {
    // Prepare
    const event = anEvent('record.updated', 'deal-1', { attributeId: 'stage' });
    const digest = createHash('sha256').update(JSON.stringify(event)).digest('hex');
    // Act
    const key = keyOf(event);
    // Assess: 2025-06-01T00:00:00Z is 1,748,736,000 s after the epoch, window 349,747,200 of 5 s.
    expect(key).toBe(`attio:prog-1:w349747200:${digest}`);
  });

  it('gives the same event received twice inside one window the same key', () => {
    // Prepare
    const event = anEvent('record.updated', 'deal-1', { attributeId: 'stage' });
    // Act, Assess
    expect(keyOf(event, '2025-06-01T00:00:04.999Z')).toBe(keyOf(structuredClone(event), WINDOW_START));
  });

  it('gives the same event in the next window a new key, so it is queued once more', () => {
    // Prepare
    const event = anEvent('record.updated', 'deal-1', { attributeId: 'stage' });
    // Act, Assess
    expect(keyOf(event, '2025-06-01T00:00:05.000Z')).not.toBe(keyOf(event, '2025-06-01T00:00:04.999Z'));
    expect(keyOf(event, '2025-06-01T06:00:00.000Z')).not.toBe(keyOf(event, WINDOW_START));
  });

  it('tells apart events of another attribute, actor, record, event type or program inside one window', () => {
    // Prepare
    const stage = anEvent('record.updated', 'deal-1', { attributeId: 'stage' });
    const others = [
      anEvent('record.updated', 'deal-1', { attributeId: 'value' }),
      anEvent('record.updated', 'deal-1', { attributeId: 'stage', actor: { type: 'api-token', id: 'token-1' } }),
      anEvent('record.updated', 'deal-1', { attributeId: 'stage', actor: { type: 'system', id: null } }),
      anEvent('record.updated', 'deal-2', { attributeId: 'stage' }),
      anEvent('record.created', 'deal-1'),
    ];
    // Act
    const keys = [keyOf(stage), ...others.map((event) => keyOf(event)), keyOf(stage, WINDOW_START, 'prog-2')];
    // Assess
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('tells apart the two events of one merge, which differ only in the duplicate record', () => {
    // Prepare
    const fromA = anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-a' });
    const fromB = anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-b' });
    // Act, Assess
    expect(keyOf(fromA)).not.toBe(keyOf(fromB));
  });

  it('reads bodies that differ only in whitespace between tokens as the same event', () => {
    // Prepare
    const compact =
      '{"event_type":"record.deleted","id":{"workspace_id":"w","object_id":"o","record_id":"r"},"actor":{"type":"system","id":null}}';
    const spaced =
      '{ "event_type": "record.deleted",\n  "id": { "workspace_id": "w", "object_id": "o", "record_id": "r" },\n  "actor": { "type": "system", "id": null } }';
    // Act, Assess
    expect(keyOf(JSON.parse(spaced))).toBe(keyOf(JSON.parse(compact)));
  });
});

describe('eventWindowOf', () => {
  it('counts fixed windows from the epoch', () => {
    expect(eventWindowOf('1970-01-01T00:00:09.999Z', 5)).toBe(1);
    expect(eventWindowOf('1970-01-01T00:00:10.000Z', 5)).toBe(2);
    expect(eventWindowOf('1970-01-01T00:00:10.000Z', 1)).toBe(10);
  });

  it('refuses a window SQS could not keep deduplicating, and a receive time that is not one', () => {
    expect(() => eventWindowOf(WINDOW_START, 0)).toThrow(RangeError);
    expect(() => eventWindowOf(WINDOW_START, 1.5)).toThrow(RangeError);
    expect(() => eventWindowOf(WINDOW_START, 301)).toThrow(/1 to 300 whole seconds/);
    expect(() => eventWindowOf('yesterday', 5)).toThrow(/not a receive time/);
  });
});
