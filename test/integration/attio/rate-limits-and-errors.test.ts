import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/** Attio's rate limits and error bodies (attio-api.md §5). */
describe('rate limits and errors of the Attio simulator', () => {
  let harness: AttioHarness;
  const documented429: unknown = JSON.parse(
    readFileSync(join(__dirname, '../../fixtures/attio/rate-limit-error.json'), 'utf8'),
  );

  beforeEach(async () => {
    harness = await startAttioHarness();
  });
  afterEach(() => harness.stop());

  /** The limits are per clock second: start at the top of one so a slow step cannot straddle two. */
  const atFreshSecond = () => new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 5));
  const read = (token?: string) => harness.raw('GET', '/v2/objects', { token });
  const query = () => harness.raw('POST', '/v2/objects/people/records/query', { body: {} });
  const write = (token?: string) =>
    harness.raw('POST', '/v2/objects/people/records', { token, body: { data: { values: {} } } });

  async function expectDocumented429(response: Response): Promise<void> {
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual(documented429);
    const retryAfter = response.headers.get('retry-after') ?? '';
    // An HTTP date (IMF-fixdate), not seconds, and no further away than the next second.
    expect(retryAfter).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(retryAfter)).toBeGreaterThan(Date.now() - 1_000);
    expect(Date.parse(retryAfter)).toBeLessThanOrEqual(Date.now() + 1_000);
  }

  it('counts reads (GET and the records query) and writes in separate buckets, and answers the documented 429 to either', async () => {
    // Prepare
    harness.simulator.control.setRateLimits({ readsPerSecond: 3, writesPerSecond: 2 });
    await atFreshSecond();

    // Act
    const writes = [await write(), await write(), await write()];
    const reads = [await read(), await query(), await read(), await query()];

    // Assess
    expect(writes.slice(0, 2).map((response) => response.status)).toEqual([200, 200]);
    await expectDocumented429(writes[2] as Response);
    expect(reads.slice(0, 3).map((response) => response.status)).toEqual([200, 200, 200]);
    await expectDocumented429(reads[3] as Response);
  });

  it('limits each workspace on its own and lets requests through again in the next second', async () => {
    // Prepare
    harness.simulator.control.setRateLimits({ readsPerSecond: 1, writesPerSecond: 1 });
    const otherWorkspace = harness.simulator.control.createWorkspace();
    const otherToken = harness.simulator.control.issueToken(otherWorkspace.id).token;
    await atFreshSecond();

    // Act
    const first = await write();
    const limited = await write();
    const otherWorkspaceWrite = await write(otherToken);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(limited.headers.get('retry-after') ?? '') - Date.now())),
    );
    const afterRetryAfter = await write();

    // Assess
    expect([first.status, limited.status, otherWorkspaceWrite.status, afterRetryAfter.status]).toEqual([
      200, 429, 200, 200,
    ]);
  });

  it('defaults to Attio documented 100 reads and 25 writes per second', async () => {
    await atFreshSecond();
    const writes = await Promise.all(Array.from({ length: 26 }, () => write()));
    const statuses = writes.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(25);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  });

  it('answers every error with exactly {status_code, type, code, message}', async () => {
    // Act
    const answers = await Promise.all([
      harness.raw('GET', '/v2/self', { token: null }),
      harness.raw('GET', '/v2/self', { token: 'not-a-token' }),
      harness.raw('GET', '/v2/objects/people/records/00000000-0000-4000-8000-000000000000'),
      harness.raw('POST', '/v2/objects/people/records', { body: { values: {} } }),
      harness.raw('POST', '/v2/objects/deals/records', {
        body: { data: { values: { name: ['x'], stage: ['Nope'] } } },
      }),
      harness.raw('POST', '/v2/objects', {
        body: { data: { api_slug: 'people', singular_noun: 'Person', plural_noun: 'People' } },
      }),
      harness.raw('POST', '/v2/objects/people/records/query', { body: { filter: { nope: 1 } } }),
      fetch(`${harness.simulator.url}/v2/objects/people/records`, {
        method: 'POST',
        headers: { authorization: `Bearer ${harness.token}`, 'content-type': 'application/json' },
        body: '{not json',
      }),
    ]);
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as Record<string, unknown>[];

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 404, 400, 400, 409, 400, 400]);
    expect(bodies.map((body) => `${String(body.type)}/${String(body.code)}`)).toEqual([
      'auth_error/unauthorized',
      'auth_error/unauthorized',
      'invalid_request_error/not_found',
      'invalid_request_error/validation_type',
      'invalid_request_error/value_not_found',
      'invalid_request_error/slug_conflict',
      'invalid_request_error/filter_error',
      'invalid_request_error/validation_type',
    ]);
    bodies.forEach((body, index) => {
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'status_code', 'type']);
      expect(body.status_code).toBe(answers[index]?.status);
      expect(body.message).toEqual(expect.any(String));
    });
  });
});
