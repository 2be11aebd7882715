import { needsAttention, retryTargetOf } from '../../../shared/settings/needs-attention';
import type { AuditEntry } from '../../../shared/sync/audit-log';

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    programId: 'p1',
    direction: 'partnero-to-attio',
    sourceEvent: 'partner.updated',
    sourceRecord: 'partner:pa',
    targetRecord: null,
    outcome: 'applied',
    reason: 'ok',
    at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('needsAttention', () => {
  it('lists conflicts, circuit-open records, won deals without a customer and dead letters, newest first', () => {
    // Prepare: newest first, as the history reads.
    const history = [
      entry({
        sourceRecord: 'customer:c1',
        outcome: 'failed',
        reason: 'Attio answered 400',
        at: '2026-01-01T00:04:00.000Z',
      }),
      entry({
        direction: 'attio-to-partnero',
        sourceRecord: 'attio:obj-deals:deal-1',
        outcome: 'rejected',
        reason: "Partnero does not know the deal's customer (…)",
        at: '2026-01-01T00:03:00.000Z',
      }),
      entry({
        sourceRecord: 'partner:pb',
        outcome: 'rejected',
        reason: 'circuit open: partner:pb was written about 21 times',
        at: '2026-01-01T00:02:00.000Z',
      }),
      entry({
        sourceRecord: 'partner:pa',
        outcome: 'conflict',
        reason: 'partner.updated not written: its email_addresses value is already on …',
        at: '2026-01-01T00:01:00.000Z',
      }),
    ];
    // Act
    const listed = needsAttention(history);
    // Assess
    expect(listed.map((item) => item.kind)).toEqual([
      'dead-letter',
      'deal-without-customer',
      'circuit-open',
      'adoption-conflict',
    ]);
    expect(listed[1]).toMatchObject({
      retry: { direction: 'attio-to-partnero', objectId: 'obj-deals', recordId: 'deal-1' },
      fix: expect.stringContaining('Partnero'),
    });
    expect(listed[3]).toMatchObject({
      id: 'partnero-to-attio|partner:pa',
      retry: { direction: 'partnero-to-attio', kind: 'partner', partneroId: 'pa' },
      happened: expect.stringContaining('not written'),
    });
  });

  it('drops a record once its latest entry went through', () => {
    const history = [
      entry({ outcome: 'applied', at: '2026-01-01T00:02:00.000Z' }),
      entry({ outcome: 'conflict', at: '2026-01-01T00:01:00.000Z' }),
    ];
    expect(needsAttention(history)).toEqual([]);
  });

  it('ignores rejections a person need not act on, and the settings history', () => {
    const history = [
      entry({
        direction: 'attio-to-partnero',
        sourceRecord: 'attio:o:d',
        outcome: 'rejected',
        reason: "the deal's value is 0: only a positive value pays a commission",
      }),
      entry({ direction: 'settings', sourceRecord: 'settings', outcome: 'conflict' }),
    ];
    expect(needsAttention(history)).toEqual([]);
  });

  it('adds the program dead letters unless a newer entry of the record says it was fixed', () => {
    // Prepare
    const history = [entry({ sourceRecord: 'customer:fixed', outcome: 'applied', at: '2026-01-01T00:05:00.000Z' })];
    const deadLetters = [
      {
        direction: 'partnero-to-attio',
        sourceRecord: 'customer:fixed',
        sourceEvent: 'customer.updated',
        reason: 'timeout',
        at: '2026-01-01T00:01:00.000Z',
      },
      {
        direction: 'partnero-to-attio',
        sourceRecord: 'customer:stuck',
        sourceEvent: 'customer.updated',
        reason: 'timeout',
        at: '2026-01-01T00:02:00.000Z',
      },
    ] as const;
    // Act
    const listed = needsAttention(history, deadLetters);
    // Assess
    expect(listed).toEqual([
      expect.objectContaining({ kind: 'dead-letter', sourceRecord: 'customer:stuck', happened: 'timeout' }),
    ]);
  });
});

describe('retryTargetOf', () => {
  it('names no record for an unreadable delivery', () => {
    expect(retryTargetOf('attio-to-partnero', 'attio:attio:p1:key:0')).toBeNull();
    expect(retryTargetOf('partnero-to-attio', 'partnero:abc')).toBeNull();
    expect(retryTargetOf('partnero-to-attio', 'transaction:t:1')).toEqual({
      direction: 'partnero-to-attio',
      kind: 'transaction',
      partneroId: 't:1',
    });
  });
});
