import { GetCommand } from '../../../shared/aws/dynamodb-document-client';
import { writeWindowAt } from '../../../shared/sync/circuit-breaker';
import { CircuitBreakerRepository } from '../../../shared/sync/circuit-breaker-repository';
import { keys } from '../../../shared/store/keys';
import type { SyncTable } from '../../../shared/store/sync-table';
import { freshSyncTable } from '../../support/sync-table-fixture';

const policy = { maxWrites: 5, windowMinutes: 10 };
const windowMs = 10 * 60_000;

describe('CircuitBreakerRepository on DynamoDB Local', () => {
  let table: SyncTable;
  let counters: CircuitBreakerRepository;
  let close: () => void;

  beforeAll(async () => {
    const fixture = await freshSyncTable('circuit-breaker');
    table = fixture.table;
    counters = new CircuitBreakerRepository(table);
    close = fixture.close;
  });
  afterAll(() => close());

  it('admits exactly maxWrites of many concurrent writes of one record', async () => {
    // Prepare
    const window = writeWindowAt(policy, new Date(1_000 * windowMs + 60_000));
    // Act
    const admissions = await Promise.all(
      Array.from({ length: 12 }, () => counters.admit('p1', 'partnero-to-attio#partner:race', window, policy)),
    );
    // Assess
    expect(admissions.filter((admission) => admission.admitted)).toHaveLength(5);
    const item = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: {
          pk: keys.programPartition('p1'),
          sk: keys.recordWrites('partnero-to-attio#partner:race', window.bucket),
        },
      }),
    );
    expect(item.Item).toMatchObject({ writes: 5, expiresAt: window.expiresAt });
  });

  it('carries the previous bucket into the next one and forgets it a window later', async () => {
    // Prepare: five writes late in one bucket.
    const record = 'attio-to-partnero#attio:deal-1';
    const late = writeWindowAt(policy, new Date(2_000 * windowMs + 9 * 60_000));
    for (let write = 0; write < 5; write += 1) await counters.admit('p1', record, late, policy);
    // Act
    const justAfter = await counters.admit(
      'p1',
      record,
      writeWindowAt(policy, new Date(2_001 * windowMs + 60_000)),
      policy,
    );
    const midway = await counters.admit(
      'p1',
      record,
      writeWindowAt(policy, new Date(2_001 * windowMs + 6 * 60_000)),
      policy,
    );
    const windowLater = await counters.admit(
      'p1',
      record,
      writeWindowAt(policy, new Date(2_002 * windowMs + 60_000)),
      policy,
    );
    // Assess: 90% of the five still count a minute in (none admitted), 40% six minutes in (three left).
    expect(justAfter).toEqual({ admitted: false, previousBucketWrites: 5, currentBucketWrites: 0 });
    expect(midway).toMatchObject({ admitted: true, previousBucketWrites: 5, currentBucketWrites: 1 });
    expect(windowLater).toMatchObject({ admitted: true, previousBucketWrites: 1 });
  });

  it('counts each program and record on its own', async () => {
    // Prepare
    const window = writeWindowAt(policy, new Date(3_000 * windowMs));
    for (let write = 0; write < 5; write += 1)
      await counters.admit('p1', 'partnero-to-attio#partner:a', window, policy);
    // Act
    const sameRecord = await counters.admit('p1', 'partnero-to-attio#partner:a', window, policy);
    const otherRecord = await counters.admit('p1', 'partnero-to-attio#partner:b', window, policy);
    const otherProgram = await counters.admit('p2', 'partnero-to-attio#partner:a', window, policy);
    // Assess
    expect([sameRecord.admitted, otherRecord.admitted, otherProgram.admitted]).toEqual([false, true, true]);
  });
});
