import { AttioEventBatch } from '../../../shared/attio-to-partnero/record-batch';
import type { SyncMessage } from '../../../shared/queue/sync-message';
import { aDeal, anEvent } from './attio-records';

function aMessage(event: unknown, deliveryKey = 'k'): SyncMessage {
  return { programId: 'p1', source: 'attio', deliveryKey, receivedAt: 'now', event };
}

describe('AttioEventBatch', () => {
  it('fetches a record once for all the events of the batch', async () => {
    // Prepare
    const batch = new AttioEventBatch();
    let fetches = 0;
    const load = async () => {
      fetches += 1;
      return aDeal('deal-1');
    };
    // Act
    const [first, second] = await Promise.all([batch.record('p1', 'deal-1', load), batch.record('p1', 'deal-1', load)]);
    // Assess
    expect(fetches).toBe(1);
    expect(second).toBe(first);
  });

  it('fetches again after a failed fetch', async () => {
    // Prepare
    const batch = new AttioEventBatch();
    let fetches = 0;
    const load = async () => {
      fetches += 1;
      if (fetches === 1) throw new Error('attio answered 503');
      return aDeal('deal-1');
    };
    // Act
    await expect(batch.record('p1', 'deal-1', load)).rejects.toThrow('503');
    const record = await batch.record('p1', 'deal-1', load);
    // Assess
    expect(fetches).toBe(2);
    expect(record?.id.record_id).toBe('deal-1');
  });

  it('runs the work of a record once and reports the later events as coalesced into it', async () => {
    // Prepare
    const batch = new AttioEventBatch();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return { outcome: 'applied' as const, targetRecord: 'partnero:transaction:deal-1', reason: 'paid' };
    };
    // Act
    const first = await batch.once('p1', 'deal-1', 'sync', 'k1', work);
    const second = await batch.once('p1', 'deal-1', 'sync', 'k2', work);
    // Assess
    expect(runs).toBe(1);
    expect(first.outcome).toBe('applied');
    expect(second).toMatchObject({ outcome: 'noop', reason: expect.stringMatching(/coalesced.*k1.*applied: paid/) });
  });

  it('keeps a deletion apart from the sync of the same record, and records apart from each other', async () => {
    // Prepare
    const batch = new AttioEventBatch();
    const ran: string[] = [];
    const work = (name: string) => async () => {
      ran.push(name);
      return { outcome: 'noop' as const, targetRecord: null, reason: name };
    };
    // Act
    await batch.once('p1', 'deal-1', 'sync', 'k1', work('sync deal-1'));
    await batch.once('p1', 'deal-1', 'deletion', 'k2', work('delete deal-1'));
    await batch.once('p1', 'deal-2', 'sync', 'k3', work('sync deal-2'));
    // Assess
    expect(ran).toEqual(['sync deal-1', 'delete deal-1', 'sync deal-2']);
  });

  it('knows every merge of the batch before the first event of the surviving record is processed', () => {
    // Prepare
    const messages = [
      aMessage(anEvent('record.updated', 'deal-new')),
      aMessage(anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-a' })),
      aMessage(anEvent('record.merged', 'deal-new', { duplicateRecordId: 'deal-b' })),
      aMessage({ not: 'an attio event' }),
    ];
    // Act
    const batch = new AttioEventBatch(messages);
    // Assess
    expect(batch.mergedInto('p1', 'deal-new')).toEqual(['deal-a', 'deal-b']);
    expect(batch.mergedInto('p1', 'deal-a')).toEqual([]);
  });

  it('ignores a merge event that names its own record as the duplicate', () => {
    // Act
    const batch = new AttioEventBatch([aMessage(anEvent('record.merged', 'deal-1', { duplicateRecordId: 'deal-1' }))]);
    // Assess
    expect(batch.mergedInto('p1', 'deal-1')).toEqual([]);
  });
});
