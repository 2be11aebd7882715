import * as z from 'zod';
import {
  deliveredName,
  describeIssues,
  interpretRawDelivery,
  jsonNestingExceeds,
  nothingToDo,
} from '../../../shared/webhooks/delivery-interpretation';
import { parkedDeliveryId } from '../../../shared/webhooks/parked-deliveries';

const context = (rawBody: string) => ({
  programId: 'p1',
  rawBody,
  headers: {},
  receivedAt: '2026-01-01T00:00:00.000Z',
});

describe('interpretRawDelivery', () => {
  it('hands the parsed body to the interpreter', () => {
    // Prepare
    const seen: unknown[] = [];
    // Act
    interpretRawDelivery((body) => (seen.push(body), nothingToDo), context('{"event":"x"}'));
    // Assess
    expect(seen).toEqual([{ event: 'x' }]);
  });

  it('finds a body that is not JSON unreadable without quoting it', () => {
    // Act
    const result = interpretRawDelivery(() => nothingToDo, context('token=sk_live_very_secret'));
    // Assess
    expect(result.unreadable).toEqual([
      { sourceEvent: '(not JSON)', sourceRecord: null, reason: 'the body is not valid JSON' },
    ]);
    expect(JSON.stringify(result)).not.toContain('sk_live');
  });
});

describe('jsonNestingExceeds', () => {
  it('counts arrays and objects open at once, not brackets inside strings or escaped quotes', () => {
    expect(jsonNestingExceeds('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(jsonNestingExceeds('{"a":[{"b":[[]]}]}', 4)).toBe(true);
    expect(jsonNestingExceeds(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 2)).toBe(false);
    expect(jsonNestingExceeds('[[],[],[],[]]', 2)).toBe(false);
  });
});

describe('describeIssues', () => {
  it('says where each issue is and what was expected, never the value itself', () => {
    // Prepare
    const error = z.object({ data: z.object({ id: z.string() }) }).safeParse({ data: { id: 4242424242 } })
      .error as z.ZodError;
    // Act
    const reason = describeIssues(error);
    // Assess
    expect(reason).toContain('data.id');
    expect(reason).not.toContain('4242424242');
  });

  it('names five issues at most and counts the rest', () => {
    // Prepare
    const error = z.array(z.string()).safeParse([1, 2, 3, 4, 5, 6, 7]).error as z.ZodError;
    // Act & Assess
    expect(describeIssues(error)).toMatch(/; and 2 more$/);
  });
});

describe('deliveredName', () => {
  it('keeps a printable name, cuts a long one and replaces control characters', () => {
    expect(deliveredName('partner.created', '?')).toBe('partner.created');
    expect(deliveredName('a'.repeat(150), '?')).toHaveLength(101);
    expect(deliveredName('line\nbreak', '?')).toBe('line?break');
    expect(deliveredName(42, '(no event)')).toBe('(no event)');
  });
});

describe('parkedDeliveryId', () => {
  it('is the same for a retry of one delivery and differs across programs, providers and Attio idempotency keys', () => {
    // Prepare
    const delivery = { provider: 'attio' as const, programId: 'p1', idempotencyKey: 'k1', rawBody: '{}' };
    // Act & Assess
    expect(parkedDeliveryId(delivery)).toBe(parkedDeliveryId({ ...delivery }));
    expect(
      new Set(
        [
          delivery,
          { ...delivery, programId: 'p2' },
          { ...delivery, provider: 'partnero' as const },
          { ...delivery, idempotencyKey: 'k2' },
        ].map(parkedDeliveryId),
      ).size,
    ).toBe(4);
  });
});
