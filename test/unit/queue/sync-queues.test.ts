import { LANES_PER_PROGRAM, recordRoute } from '../../../shared/queue/sync-queues';

describe('recordRoute', () => {
  it('sends every event of one record down the same lane under the same record key', () => {
    expect(recordRoute('prog', 'partner', 'p-1')).toEqual(recordRoute('prog', 'partner', 'p-1'));
  });

  it('spreads the records of a program over its few lanes, and keeps programs apart', () => {
    // Act
    const routes = Array.from({ length: 400 }, (_, index) => recordRoute('prog', 'partner', `p-${index}`));
    // Assess
    const lanes = new Set(routes.map((route) => route.groupId));
    expect(lanes.size).toBe(LANES_PER_PROGRAM);
    expect(new Set(routes.map((route) => route.recordKey)).size).toBe(400);
    expect(lanes).not.toContain(recordRoute('other', 'partner', 'p-0').groupId);
  });

  it('names groups and keys within what SQS accepts, however long the record id', () => {
    const route = recordRoute('prog', 'partner', 'x'.repeat(300));
    expect(route.groupId).toMatch(/^[A-Za-z0-9!-~]{1,128}$/);
    expect(route.recordKey.length).toBeLessThanOrEqual(128);
  });
});
