import { ValidationError } from '../../../shared/errors';
import { parseSyncHistoryQuery } from '../../../shared/settings/sync-history';

describe('the history query string', () => {
  it('defaults to the newest 25 entries of every direction', () => {
    expect(parseSyncHistoryQuery(undefined)).toEqual({ limit: 25 });
  });

  it('reads a page size, a cursor, a direction and a record; empty fields are no filter', () => {
    expect(
      parseSyncHistoryQuery({ limit: '10', cursor: 'abc', direction: 'attio-to-partnero', record: ' partner:p1 ' }),
    ).toEqual({ limit: 10, cursor: 'abc', direction: 'attio-to-partnero', record: 'partner:p1' });
    expect(parseSyncHistoryQuery({ record: '', direction: '' })).toEqual({ limit: 25 });
  });

  it.each([
    { limit: '0' },
    { limit: '101' },
    { limit: 'many' },
    { direction: 'sideways' },
    { record: 'x'.repeat(301) },
  ])('refuses %j', (query) => {
    expect(() => parseSyncHistoryQuery(query)).toThrow(ValidationError);
  });
});
