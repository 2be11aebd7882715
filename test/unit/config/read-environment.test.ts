import * as z from 'zod';
import { httpUrl, readEnvironment } from '../../../shared/config/read-environment';
import { ConfigurationError } from '../../../shared/errors';

describe('readEnvironment', () => {
  const schema = z.object({ SYNC_TABLE_NAME: z.string().min(1), ATTIO_API_URL: httpUrl });

  it('returns the parsed variables', () => {
    expect(readEnvironment(schema, { SYNC_TABLE_NAME: 't', ATTIO_API_URL: 'https://api.attio.com' })).toEqual({
      SYNC_TABLE_NAME: 't',
      ATTIO_API_URL: 'https://api.attio.com',
    });
  });

  it('fails with one line naming every bad variable', () => {
    const attempt = () => readEnvironment(schema, { ATTIO_API_URL: 'ftp://nope' });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/SYNC_TABLE_NAME: .*; ATTIO_API_URL: /);
  });
});
