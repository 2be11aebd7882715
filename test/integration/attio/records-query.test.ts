import { emailAddresses } from '../../../shared/attio';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/** Attio's list-records query: shorthand and verbose filters, sorts, limit and offset (attio-api.md §3). */
describe('querying records in the Attio simulator', () => {
  let harness: AttioHarness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startAttioHarness();
    const { attio } = harness;
    await attio.attributes.create('people', {
      title: 'Partnero id',
      api_slug: 'partnero_id',
      type: 'text',
      is_unique: true,
    });
    for (const [key, first, last, email, job] of [
      ['ada', 'Ada', 'Lovelace', 'ada@math.example', 'Analyst'],
      ['grace', 'Grace', 'Hopper', 'grace@navy.example', 'Admiral'],
      ['alan', 'Alan', 'Turing', 'alan@math.example', 'Analyst'],
    ] as const) {
      const person = await attio.records.create('people', {
        name: { first_name: first, last_name: last, full_name: `${first} ${last}` },
        email_addresses: [email],
        job_title: job,
        partnero_id: `p-${key}`,
      });
      ids[key] = person.id.record_id;
    }
  });
  afterAll(() => harness.stop());

  const idsOf = (records: { id: { record_id: string } }[]) => records.map((record) => record.id.record_id);

  it('matches the shorthand form exactly, on a unique email and on a custom text attribute', async () => {
    expect(
      idsOf(await harness.attio.records.query('people', { filter: { email_addresses: 'grace@navy.example' } })),
    ).toEqual([ids.grace]);
    expect(idsOf(await harness.attio.records.query('people', { filter: { partnero_id: 'p-alan' } }))).toEqual([
      ids.alan,
    ]);
    expect(await harness.attio.records.query('people', { filter: { partnero_id: 'p-al' } })).toEqual([]);
  });

  it('matches the verbose form: a field of the value with $eq, $contains, $starts_with, and $and / $or', async () => {
    const { attio } = harness;
    const byName = await attio.records.query('people', { filter: { name: { full_name: { $eq: 'Ada Lovelace' } } } });
    const mathsDomain = await attio.records.query('people', {
      filter: { email_addresses: { email_domain: { $eq: 'math.example' } } },
    });
    const both = await attio.records.query('people', {
      filter: { $and: [{ job_title: { $eq: 'Analyst' } }, { name: { last_name: { $starts_with: 'Tur' } } }] },
    });
    const either = await attio.records.query('people', {
      filter: { $or: [{ name: { first_name: { $contains: 'race' } } }, { partnero_id: 'p-ada' }] },
    });
    expect(idsOf(byName)).toEqual([ids.ada]);
    expect(idsOf(mathsDomain).sort()).toEqual([ids.ada, ids.alan].sort());
    expect(idsOf(both)).toEqual([ids.alan]);
    expect(idsOf(either).sort()).toEqual([ids.ada, ids.grace].sort());
  });

  it('sorts by an attribute and field, both directions, and pages with limit and offset', async () => {
    const { attio } = harness;
    const ascending = await attio.records.query('people', {
      sorts: [{ direction: 'asc', attribute: 'name', field: 'last_name' }],
    });
    const descending = await attio.records.query('people', {
      sorts: [{ direction: 'desc', attribute: 'email_addresses' }],
    });
    const page = await attio.records.query('people', {
      sorts: [{ direction: 'asc', attribute: 'partnero_id' }],
      limit: 1,
      offset: 1,
    });
    const pastTheEnd = await attio.records.query('people', { limit: 2, offset: 3 });
    expect(idsOf(ascending)).toEqual([ids.grace, ids.ada, ids.alan]);
    expect(descending.flatMap((record) => emailAddresses(record))).toEqual([
      'grace@navy.example',
      'alan@math.example',
      'ada@math.example',
    ]);
    expect(idsOf(page)).toEqual([ids.alan]);
    expect(pastTheEnd).toEqual([]);
  });

  it('pages through everything with queryAll until a page is shorter than the limit', async () => {
    harness.simulator.control.resetRequestCounts();
    const all: string[] = [];
    for await (const record of harness.attio.records.queryAll('people', { limit: 2 })) all.push(record.id.record_id);
    expect(all.sort()).toEqual(Object.values(ids).sort());
    expect(harness.simulator.control.requestCounts()['POST /v2/objects/{object}/records/query']).toEqual({
      reads: 2,
      writes: 0,
    });
  });

  it('filters a status attribute by when it last changed (active_from), and only a status attribute', async () => {
    // Prepare: two deals, one moved after a point in time.
    const { attio, simulator } = harness;
    const [first, second] = simulator.control.statuses('deals', 'stage');
    const member = simulator.control.members()[0]?.email_address as string;
    const aDeal = async (name: string) =>
      (await attio.records.create('deals', { name, stage: first?.id, owner: member, value: 1 })).id.record_id;
    const unmoved = await aDeal('Unmoved');
    const moved = await aDeal('Moved');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await attio.records.update('deals', moved, { stage: second?.id });
    // Act
    const changed = await attio.records.query('deals', { filter: { stage: { active_from: { $gte: since } } } });
    const before = await attio.records.query('deals', { filter: { stage: { active_from: { $lt: since } } } });
    // Assess
    expect(idsOf(changed)).toEqual([moved]);
    expect(idsOf(before)).toContain(unmoved);
    expect(idsOf(before)).not.toContain(moved);
    await expect(
      attio.records.query('people', { filter: { job_title: { active_from: { $gte: since } } } }),
    ).rejects.toMatchObject({ status: 400, code: 'filter_error' });
    await expect(
      attio.records.query('deals', { filter: { stage: { active_from: { $eq: since } } } }),
    ).rejects.toMatchObject({ status: 400, code: 'filter_error' });
  });

  it('answers 400 filter_error to an unknown attribute or operator, and 404 to an unknown object', async () => {
    await expect(harness.attio.records.query('people', { filter: { shoe_size: 42 } })).rejects.toMatchObject({
      status: 400,
      code: 'filter_error',
    });
    await expect(
      harness.attio.records.query('people', { filter: { job_title: { $near: 'x' } } }),
    ).rejects.toMatchObject({ status: 400, code: 'filter_error' });
    await expect(harness.attio.records.query('planets')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});
