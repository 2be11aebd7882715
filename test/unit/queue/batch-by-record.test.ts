import type { SQSRecord } from 'aws-lambda';
import { processBatchByRecord } from '../../../shared/queue/batch-by-record';

function aRecord(messageId: string, record: string): SQSRecord {
  return { messageId, body: record, attributes: { MessageGroupId: 'lane-0' } } as unknown as SQSRecord;
}

/** A handler whose calls can be released one by one, to see what runs at the same time. */
function gatedHandler(failing: Set<string> = new Set()) {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const handle = (record: SQSRecord) =>
    new Promise<void>((resolve, reject) => {
      started.push(record.messageId);
      gates.set(record.messageId, () =>
        failing.has(record.messageId) ? reject(new Error(`${record.messageId} failed`)) : resolve(),
      );
    });
  const release = async (messageId: string) => {
    gates.get(messageId)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, handle, release };
}

describe('processBatchByRecord', () => {
  it('starts the first event of every record at once and the next event of a record only when its previous one is done', async () => {
    // Prepare
    const batch = [aRecord('a1', 'A'), aRecord('b1', 'B'), aRecord('a2', 'A'), aRecord('c1', 'C')];
    const handler = gatedHandler();
    // Act
    const done = processBatchByRecord(batch, (record) => record.body, handler.handle);
    await new Promise((resolve) => setImmediate(resolve));
    const startedFirst = [...handler.started];
    await handler.release('a1');
    const startedAfterA1 = [...handler.started];
    for (const id of ['b1', 'a2', 'c1']) await handler.release(id);
    // Assess
    expect(startedFirst).toEqual(['a1', 'b1', 'c1']);
    expect(startedAfterA1).toEqual(['a1', 'b1', 'c1', 'a2']);
    await expect(done).resolves.toEqual({ batchItemFailures: [] });
  });

  it('gives back a failed event and the rest of its record, and lets the other records of the group through', async () => {
    // Prepare
    const batch = [aRecord('a1', 'A'), aRecord('b1', 'B'), aRecord('a2', 'A'), aRecord('b2', 'B'), aRecord('a3', 'A')];
    const handler = gatedHandler(new Set(['a2']));
    // Act
    const done = processBatchByRecord(batch, (record) => record.body, handler.handle);
    await new Promise((resolve) => setImmediate(resolve));
    for (const id of ['a1', 'b1', 'a2', 'b2']) await handler.release(id);
    // Assess
    await expect(done).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'a2' }, { itemIdentifier: 'a3' }] });
    expect(handler.started).not.toContain('a3');
  });
});
