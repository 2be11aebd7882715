import { BudgetExhaustedError, RateLimitedError } from '../../../shared/errors';
import { attioWritesThroughBreaker } from '../../../shared/partnero-to-attio/circuit-breaker-writes';
import type { AttioRecordsPort } from '../../../shared/attio/attio-records';
import { partneroWritesThroughBreaker } from '../../../shared/attio-to-partnero/circuit-breaker-writes';
import type { PartneroPort } from '../../../shared/attio-to-partnero/ports';
import {
  CircuitOpenError,
  writeAllowance,
  type CircuitBreakerPolicy,
  type WriteWindow,
} from '../../../shared/sync/circuit-breaker';
import { RecordCircuitBreaker } from '../../../shared/sync/circuit-breaker-guard';
import type { WriteAdmission, WriteCounter } from '../../../shared/sync/circuit-breaker-repository';

/** The repository's rule over a Map: what DynamoDB's conditional increment does, per bucket. */
class InMemoryCounter implements WriteCounter {
  readonly buckets = new Map<string, number>();

  async admit(
    programId: string,
    record: string,
    window: WriteWindow,
    policy: CircuitBreakerPolicy,
  ): Promise<WriteAdmission> {
    const key = (bucket: number) => `${programId}|${record}|${bucket}`;
    const previousBucketWrites = this.buckets.get(key(window.bucket - 1)) ?? 0;
    const current = this.buckets.get(key(window.bucket)) ?? 0;
    if (current >= writeAllowance(policy, previousBucketWrites, window.elapsed))
      return { admitted: false, previousBucketWrites, currentBucketWrites: current };
    this.buckets.set(key(window.bucket), current + 1);
    return { admitted: true, previousBucketWrites, currentBucketWrites: current + 1 };
  }

  async giveBack(programId: string, record: string, window: WriteWindow): Promise<void> {
    const key = `${programId}|${record}|${window.bucket}`;
    this.buckets.set(key, Math.max(0, (this.buckets.get(key) ?? 0) - 1));
  }
}

const policy = { maxWrites: 3, windowMinutes: 10 };

function breakerAt(clock: { now: number }, counter = new InMemoryCounter()) {
  return new RecordCircuitBreaker(counter, policy, 'partnero-to-attio', () => new Date(clock.now));
}

describe('the record circuit breaker', () => {
  it('lets maxWrites writes of a record through and refuses the next', async () => {
    const clock = { now: Date.UTC(2026, 0, 1, 12, 0, 30) };
    const breaker = breakerAt(clock);
    for (let write = 0; write < 3; write += 1) await breaker.beforeWrite('prog_1', 'partner:1');
    await expect(breaker.beforeWrite('prog_1', 'partner:1')).rejects.toThrow(CircuitOpenError);
  });

  it('does not count a write that was throttled (never made), and counts one that failed otherwise', async () => {
    const clock = { now: Date.UTC(2026, 0, 1, 12, 0, 30) };
    const breaker = breakerAt(clock);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(
        breaker.write('prog_1', 'partner:1', () =>
          Promise.reject(new BudgetExhaustedError('partnero', 'partnero:prog_1:request', 1_000)),
        ),
      ).rejects.toThrow(BudgetExhaustedError);
    }
    await expect(
      breaker.write('prog_1', 'partner:1', () => Promise.reject(new RateLimitedError('attio', 1_000))),
    ).rejects.toThrow(RateLimitedError);
    await expect(breaker.write('prog_1', 'partner:1', () => Promise.reject(new Error('timed out')))).rejects.toThrow(
      'timed out',
    );
    for (let write = 0; write < 2; write += 1)
      await expect(breaker.write('prog_1', 'partner:1', async () => 'sent')).resolves.toBe('sent');
    await expect(breaker.write('prog_1', 'partner:1', async () => 'sent')).rejects.toThrow(CircuitOpenError);
  });

  it('counts each record of each program on its own', async () => {
    const clock = { now: Date.UTC(2026, 0, 1, 12, 0, 30) };
    const breaker = breakerAt(clock);
    for (let write = 0; write < 3; write += 1) await breaker.beforeWrite('prog_1', 'partner:1');
    await expect(breaker.beforeWrite('prog_1', 'partner:2')).resolves.toBeUndefined();
    await expect(breaker.beforeWrite('prog_2', 'partner:1')).resolves.toBeUndefined();
  });

  it('closes again once the writes fall out of the window', async () => {
    const clock = { now: Date.UTC(2026, 0, 1, 12, 9, 0) };
    const breaker = breakerAt(clock);
    for (let write = 0; write < 3; write += 1) await breaker.beforeWrite('prog_1', 'partner:1');
    clock.now += 2 * 60_000; // just past the bucket boundary: most of the previous writes still count
    await expect(breaker.beforeWrite('prog_1', 'partner:1')).rejects.toThrow(CircuitOpenError);
    clock.now += 10 * 60_000;
    await expect(breaker.beforeWrite('prog_1', 'partner:1')).resolves.toBeUndefined();
  });
});

describe('the guarded ports', () => {
  const clock = { now: Date.UTC(2026, 0, 1, 12, 0, 30) };

  it('ask before each Attio update, never before a read nor the assert that creates the record (once per link)', async () => {
    const calls: string[] = [];
    const port: AttioRecordsPort = {
      listAttributes: async () => (calls.push('listAttributes'), []),
      listStatuses: async () => (calls.push('listStatuses'), []),
      findPeopleByEmail: async () => (calls.push('findPeopleByEmail'), []),
      findRecordsByValue: async () => (calls.push('findRecordsByValue'), []),
      assertRecord: async () => (calls.push('assertRecord'), { recordId: 'r1', values: {} }),
      updateRecord: async () => (calls.push('updateRecord'), { recordId: 'r1', values: {} }),
    };
    const guarded = attioWritesThroughBreaker(port, breakerAt(clock), 'prog_1', 'partner:9');
    for (let read = 0; read < 5; read += 1) await guarded.listAttributes('people');
    await guarded.findPeopleByEmail('a@b.test');
    await guarded.assertRecord('people', 'partnero_partner_id', {});
    for (let update = 0; update < 3; update += 1) await guarded.updateRecord('people', 'r1', {});
    await guarded.assertRecord('people', 'partnero_partner_id', {});
    await expect(guarded.updateRecord('people', 'r1', {})).rejects.toThrow(CircuitOpenError);
    expect(calls.filter((call) => call === 'assertRecord' || call === 'updateRecord')).toEqual([
      'assertRecord',
      'updateRecord',
      'updateRecord',
      'updateRecord',
      'assertRecord',
    ]);
    expect(calls.filter((call) => call === 'listAttributes')).toHaveLength(5);
  });

  it('ask before each Partnero change, never before a read nor a create (the claim or the link makes it once)', async () => {
    const writes: string[] = [];
    const transaction = { key: 't' } as Awaited<ReturnType<PartneroPort['transactions']['create']>>;
    const customer = { key: 'c' } as Awaited<ReturnType<PartneroPort['customers']['create']>>;
    const port: PartneroPort = {
      transactions: {
        findByKey: async () => [],
        create: async () => (writes.push('transactions.create'), transaction),
        delete: async () => (writes.push('transactions.delete'), 'deleted' as const),
        archive: async () => (writes.push('transactions.archive'), 'archived' as const),
        restore: async () => (writes.push('transactions.restore'), 'restored' as const),
      },
      customers: {
        find: async () => undefined,
        searchByEmail: async () => [],
        update: async () => (writes.push('customers.update'), customer),
        create: async () => (writes.push('customers.create'), customer),
      },
    };
    const guarded = partneroWritesThroughBreaker(port, breakerAt(clock), 'prog_1', 'attio:deal-1');
    for (let read = 0; read < 5; read += 1) await guarded.transactions.findByKey('t');
    await guarded.transactions.create({ key: 't', amount: 1, action: 'sale', customer: { key: 'c' } });
    await guarded.customers.update('c', {});
    await guarded.transactions.delete('t');
    await guarded.transactions.archive('t');
    await guarded.customers.create({ key: 'c', partner: { id: 'p' } });
    await expect(guarded.transactions.restore('t')).rejects.toThrow(CircuitOpenError);
    expect(writes).toEqual([
      'transactions.create',
      'customers.update',
      'transactions.delete',
      'transactions.archive',
      'customers.create',
    ]);
  });
});
