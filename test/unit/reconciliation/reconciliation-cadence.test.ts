import {
  isBefore,
  nextCursor,
  pageEndsChanges,
  planRun,
  type ReconciliationCadence,
  type ReconciliationCursor,
} from '../../../shared/reconciliation/reconciliation-cadence';

const cadence: ReconciliationCadence = { fullSweepEveryMs: 7 * 24 * 3_600_000, overlapMs: 15 * 60_000 };
const cursor: ReconciliationCursor = {
  changedSince: '2026-03-10T12:00:00.000Z',
  fullSweepAt: '2026-03-08T00:00:00.000Z',
  fullSweepSettingsVersion: 4,
};

describe('planRun', () => {
  it('sweeps a program in full until one full sweep completed', () => {
    expect(planRun(undefined, 1, new Date('2026-03-10T18:00:00Z'), cadence)).toEqual({
      mode: 'full',
      reason: 'no complete full sweep yet',
    });
  });

  it('reads only the changes since the last complete run, less the overlap', () => {
    expect(planRun(cursor, 4, new Date('2026-03-10T18:00:00Z'), cadence)).toEqual({
      mode: 'incremental',
      since: '2026-03-10T11:45:00.000Z',
    });
  });

  it('sweeps in full again once the interval since the last full sweep has passed', () => {
    expect(planRun(cursor, 4, new Date('2026-03-14T23:59:59Z'), cadence).mode).toBe('incremental');
    expect(planRun(cursor, 4, new Date('2026-03-15T00:00:00Z'), cadence)).toEqual({
      mode: 'full',
      reason: 'the full sweep is due',
    });
  });

  it('sweeps in full after a settings change, which changes what every record should hold', () => {
    expect(planRun(cursor, 5, new Date('2026-03-10T18:00:00Z'), cadence)).toEqual({
      mode: 'full',
      reason: 'the settings changed since the last full sweep',
    });
  });
});

describe('nextCursor', () => {
  it('starts the watermark and the full sweep at the start of a complete full sweep', () => {
    expect(
      nextCursor(
        undefined,
        { mode: 'full', reason: 'x' },
        { startedAt: '2026-03-11T00:00:00.000Z', complete: true, settingsVersion: 6 },
      ),
    ).toEqual({
      changedSince: '2026-03-11T00:00:00.000Z',
      fullSweepAt: '2026-03-11T00:00:00.000Z',
      fullSweepSettingsVersion: 6,
    });
  });

  it('moves only the watermark after a complete incremental run', () => {
    expect(
      nextCursor(
        cursor,
        { mode: 'incremental', since: '2026-03-10T11:45:00.000Z' },
        { startedAt: '2026-03-10T18:00:00.000Z', complete: true, settingsVersion: 4 },
      ),
    ).toEqual({ ...cursor, changedSince: '2026-03-10T18:00:00.000Z' });
  });

  it('keeps the cursor of before after an incomplete run, so the next one reads the wider window', () => {
    expect(
      nextCursor(
        cursor,
        { mode: 'incremental', since: '2026-03-10T11:45:00.000Z' },
        { startedAt: '2026-03-10T18:00:00.000Z', complete: false, settingsVersion: 4 },
      ),
    ).toBe(cursor);
    expect(
      nextCursor(
        cursor,
        { mode: 'full', reason: 'x' },
        { startedAt: '2026-03-15T00:00:00.000Z', complete: false, settingsVersion: 4 },
      ),
    ).toBe(cursor);
  });
});

describe('isBefore', () => {
  it('compares provider times as instants, whatever their precision', () => {
    expect(isBefore('2026-03-10T11:44:59.000000Z', '2026-03-10T11:45:00.000Z')).toBe(true);
    expect(isBefore('2026-03-10T11:45:00.000000000Z', '2026-03-10T11:45:00.000Z')).toBe(false);
  });

  it('never takes a record without a readable time for an old one', () => {
    expect(isBefore(undefined, '2026-03-10T11:45:00.000Z')).toBe(false);
    expect(isBefore('yesterday', '2026-03-10T11:45:00.000Z')).toBe(false);
  });
});

describe('the page that ends an incremental read', () => {
  const since = '2026-03-10T12:00:00.000Z';

  it('ends it when every record is older and the page reads newest first', () => {
    // Act
    const ends = pageEndsChanges(['2026-03-10T11:00:00Z', '2026-03-09T00:00:00Z', '2026-03-09T00:00:00Z'], since);

    // Assess
    expect(ends).toBe(true);
  });

  it('keeps reading past a page that holds a record from the window', () => {
    // Act
    const ends = pageEndsChanges(['2026-03-10T13:00:00Z', '2026-03-09T00:00:00Z'], since);

    // Assess
    expect(ends).toBe(false);
  });

  it('keeps reading past an old page that reads oldest first: Partnero ignored sort=desc, so the changes come later', () => {
    // Act
    const ends = pageEndsChanges(['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'], since);

    // Assess
    expect(ends).toBe(false);
  });
});
