import { createAttioClient } from '../../../shared/attio';
import { RateLimitedError, RetryableError } from '../../../shared/errors';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/** The simulator's control surface for tests and the local stack, in process and over HTTP (`/__sim`). */
describe('the Attio simulator control surface', () => {
  let harness: AttioHarness;

  beforeEach(async () => {
    harness = await startAttioHarness();
  });
  afterEach(() => harness.stop());

  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${harness.simulator.url}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('seeds a workspace with members, a token and records over HTTP, and reads back what the API wrote', async () => {
    // Act
    const workspace = (await (
      await control('POST', '/workspaces', {
        name: 'Seeded',
        members: [{ first_name: 'Sam', last_name: 'Sales', email_address: 'sam@seeded.example' }],
      })
    ).json()) as { id: string; memberIds: string[] };
    const { token } = (await (await control('POST', `/workspaces/${workspace.id}/tokens`)).json()) as { token: string };
    const seeded = (await (
      await control('POST', `/workspaces/${workspace.id}/objects/people/records`, {
        values: { email_addresses: ['lead@seeded.example'] },
      })
    ).json()) as { id: { record_id: string } };
    const attio = createAttioClient({ apiUrl: harness.simulator.url, accessToken: token });
    await attio.records.update('people', seeded.id.record_id, { job_title: 'Buyer' });
    const stored = (await (await control('GET', `/workspaces/${workspace.id}/objects/people/records`)).json()) as {
      values: {
        job_title: { value: string; created_by_actor: { type: string } }[];
        email_addresses: { created_by_actor: { type: string; id: string } }[];
      };
    }[];
    const members = (await (await control('GET', `/workspaces/${workspace.id}/members`)).json()) as {
      email_address: string;
    }[];

    // Assess
    expect(stored).toHaveLength(1);
    expect(stored[0]?.values.job_title[0]).toMatchObject({ value: 'Buyer', created_by_actor: { type: 'api-token' } });
    // Seeded as the workspace member, so webhooks would name a person, not a token.
    expect(stored[0]?.values.email_addresses[0]?.created_by_actor).toEqual({
      type: 'workspace-member',
      id: workspace.memberIds[0],
    });
    expect(members.map((member) => member.email_address)).toEqual(['sam@seeded.example']);
    expect(harness.simulator.control.records('people')).toEqual([]);
  });

  it('injects faults for the next N requests: 429 with Retry-After, 500, a response that never comes, a dropped connection', async () => {
    // Prepare
    const impatient = createAttioClient({ apiUrl: harness.simulator.url, accessToken: harness.token, timeoutMs: 200 });

    // Act + Assess
    harness.simulator.control.injectFault({ kind: '429', count: 2, retryAfterSeconds: 3 });
    const limited = await harness.raw('GET', '/v2/objects');
    expect(limited.status).toBe(429);
    expect(Date.parse(limited.headers.get('retry-after') ?? '') - Date.now()).toBeGreaterThan(1_000);
    await expect(impatient.objects.list()).rejects.toBeInstanceOf(RateLimitedError);
    expect((await harness.raw('GET', '/v2/objects')).status).toBe(200);

    harness.simulator.control.injectFault({ kind: '500' });
    const failed = await harness.raw('GET', '/v2/objects');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({
      status_code: 500,
      code: expect.any(String),
      message: expect.any(String),
    });

    harness.simulator.control.injectFault({ kind: 'timeout' });
    await expect(impatient.objects.list()).rejects.toThrow(/timed out/);

    harness.simulator.control.injectFault({ kind: 'drop' });
    await expect(impatient.objects.list()).rejects.toBeInstanceOf(RetryableError);
    await expect(impatient.objects.list()).resolves.toHaveLength(3);
  });

  it('aims a fault at one route only, over HTTP, and clears faults on request', async () => {
    // Act
    await control('POST', '/faults', { kind: '500', count: 5, route: 'PUT /v2/objects/{object}/records' });
    const unaffected = await harness.raw('GET', '/v2/objects');
    const hit = await harness.raw('PUT', '/v2/objects/people/records?matching_attribute=email_addresses', {
      body: { data: { values: { email_addresses: ['a@example.com'] } } },
    });
    await control('DELETE', '/faults');
    const afterClear = await harness.raw('PUT', '/v2/objects/people/records?matching_attribute=email_addresses', {
      body: { data: { values: { email_addresses: ['a@example.com'] } } },
    });

    // Assess
    expect([unaffected.status, hit.status, afterClear.status]).toEqual([200, 500, 200]);
  });

  it('counts requests by route template, reads apart from writes, and resets the counts', async () => {
    // Prepare
    const person = await harness.attio.records.create('people', { email_addresses: ['a@example.com'] });
    await harness.attio.records.get('people', person.id.record_id);
    await harness.attio.records.get('people', person.id.record_id);
    await harness.attio.records.query('people');

    // Act
    const counts = (await (await control('GET', '/requests')).json()) as Record<
      string,
      { reads: number; writes: number }
    >;
    await control('DELETE', '/requests');

    // Assess
    expect(counts).toEqual({
      'POST /v2/objects/{object}/records': { reads: 0, writes: 1 },
      'GET /v2/objects/{object}/records/{record_id}': { reads: 2, writes: 0 },
      'POST /v2/objects/{object}/records/query': { reads: 1, writes: 0 },
    });
    expect(harness.simulator.control.requestCounts()).toEqual({});
  });

  it('resets everything: records, webhooks, tokens, faults, counts and limits, with a new default workspace', async () => {
    // Prepare
    const before = harness.simulator.control.defaultWorkspaceId;
    await harness.attio.records.create('people', { email_addresses: ['a@example.com'] });
    await harness.attio.webhooks.create('https://example.com/hook', [{ event_type: 'record.created', filter: null }]);
    harness.simulator.control.injectFault({ kind: '500', count: 10 });
    harness.simulator.control.setRateLimits({ readsPerSecond: 100, writesPerSecond: 1 });

    // Act
    await control('POST', '/reset');

    // Assess
    const after = harness.simulator.control.defaultWorkspaceId;
    expect(after).not.toBe(before);
    expect((await harness.raw('GET', '/v2/self')).status).toBe(401);
    const fresh = createAttioClient({
      apiUrl: harness.simulator.url,
      accessToken: harness.simulator.control.issueToken().token,
    });
    await expect(fresh.records.query('people')).resolves.toEqual([]);
    await expect(fresh.webhooks.list()).resolves.toEqual([]);
    expect(harness.simulator.control.requestCounts()).toEqual({
      'GET /v2/self': { reads: 1, writes: 0 },
      'POST /v2/objects/{object}/records/query': { reads: 1, writes: 0 },
      'GET /v2/webhooks': { reads: 1, writes: 0 },
    });
    // Faults and the lowered write limit are gone: two writes in the same second pass.
    await expect(
      Promise.all([fresh.records.create('people', {}), fresh.records.create('people', {})]),
    ).resolves.toHaveLength(2);
    expect(((await (await control('GET', '')).json()) as { defaultWorkspaceId: string }).defaultWorkspaceId).toBe(
      after,
    );
  });
});
