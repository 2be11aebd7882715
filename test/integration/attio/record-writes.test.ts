import { currentValues, emailAddresses, textValue, type AttioRecord } from '../../../shared/attio';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/** How Attio stores writes (attio-api.md §3): value objects, write forms, multiselect rules, delete. */
describe('writing records to the Attio simulator', () => {
  let harness: AttioHarness;

  beforeEach(async () => {
    harness = await startAttioHarness();
  });
  afterEach(() => harness.stop());

  const domains = (record: AttioRecord) => currentValues(record, 'domains').map((value) => value.domain);

  it('stores every value as an array of value objects stamped with the calling token as created_by_actor', async () => {
    // Prepare
    const other = harness.simulator.control.issueToken();
    const person = await harness.attio.records.create('people', {
      email_addresses: ['ada@example.com'],
      job_title: 'CTO',
    });

    // Act: another token changes one attribute only.
    const updated = await harness.attio.records.update(
      'people',
      person.id.record_id,
      { description: 'hello' },
      'append',
    );
    const viaOther = await (
      await harness.raw('PATCH', `/v2/objects/people/records/${person.id.record_id}`, {
        token: other.token,
        body: { data: { values: { job_title: ['CEO'] } } },
      })
    ).json();

    // Assess
    const [email] = updated.values.email_addresses ?? [];
    expect(email).toEqual({
      active_from: expect.any(String),
      active_until: null,
      created_by_actor: harness.actor,
      original_email_address: 'ada@example.com',
      email_address: 'ada@example.com',
      email_domain: 'example.com',
      email_root_domain: 'example.com',
      email_local_specifier: 'ada',
      attribute_type: 'email-address',
    });
    expect(viaOther.data.values.job_title[0].created_by_actor).toEqual(other.actor);
    // The value other did not touch keeps its author.
    expect(viaOther.data.values.email_addresses[0].created_by_actor).toEqual(harness.actor);
    expect(other.actor.id).not.toBe(harness.actor.id);
  });

  it('accepts the shorthand and object write forms of each attribute type the sync writes', async () => {
    // Prepare
    const [member] = harness.simulator.control.members();
    const company = await harness.attio.records.create('companies', {
      name: { value: 'Acme' },
      domains: [{ domain: 'https://www.Acme.com/about' }],
    });

    // Act
    const person = await harness.attio.records.create('people', {
      name: 'Lovelace, Ada',
      email_addresses: [{ email_address: 'Ada@Example.com' }],
      phone_numbers: ['+44 20 7946 0000'],
      company: { target_object: 'companies', domains: [{ domain: 'www.acme.com' }] },
    });
    const deal = await harness.attio.records.create('deals', {
      name: 'Deal',
      stage: { status: 'Lead' },
      owner: member?.email_address,
      value: { currency_value: '12.34567' },
      associated_company: { target_object: 'companies', target_record_id: company.id.record_id },
    });

    // Assess
    expect(textValue(company, 'name')).toBe('Acme');
    expect(domains(company)).toEqual(['www.acme.com']);
    expect(currentValues(person, 'name')[0]).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      full_name: 'Ada Lovelace',
    });
    expect(currentValues(person, 'email_addresses')[0]).toMatchObject({
      original_email_address: 'Ada@Example.com',
      email_address: 'ada@example.com',
    });
    expect(currentValues(person, 'company')[0]).toMatchObject({
      target_object: 'companies',
      target_record_id: company.id.record_id,
    });
    expect(currentValues(deal, 'stage')[0]?.status).toMatchObject({ title: 'Lead' });
    expect(currentValues(deal, 'owner')[0]).toMatchObject({
      referenced_actor_type: 'workspace-member',
      referenced_actor_id: member?.id.workspace_member_id,
    });
    expect(currentValues(deal, 'value')[0]).toMatchObject({ currency_value: 12.3457, currency_code: 'USD' });
    await expect(harness.attio.records.create('companies', { domains: 'acme.org', name: 42 })).rejects.toMatchObject({
      status: 400,
      code: 'validation_type',
    });
    await expect(
      harness.attio.records.create('deals', { name: 'x', stage: 'Lead', owner: 'nobody@example.com' }),
    ).rejects.toMatchObject({ status: 400, code: 'value_not_found' });
  });

  it('PATCH adds multiselect values in front of the existing ones; PUT replaces them', async () => {
    // Prepare
    const company = await harness.attio.records.create('companies', { domains: ['a.example', 'b.example'] });

    // Act
    const patched = await harness.attio.records.update(
      'companies',
      company.id.record_id,
      { domains: ['c.example', 'a.example'] },
      'append',
    );
    const put = await harness.attio.records.update(
      'companies',
      company.id.record_id,
      { domains: ['d.example'] },
      'overwrite',
    );
    const cleared = await harness.attio.records.update('companies', company.id.record_id, { domains: [] }, 'overwrite');

    // Assess
    expect(domains(patched)).toEqual(['c.example', 'a.example', 'b.example']);
    expect(domains(put)).toEqual(['d.example']);
    expect(domains(cleared)).toEqual([]);
  });

  it('assert adds to the matching multiselect attribute but sets every other multiselect to exactly the list given', async () => {
    // Prepare: a company with two domains and two team members.
    const [one, two, three] = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        harness.attio.records.create('people', { email_addresses: [`${name}@acme.example`] }),
      ),
    );
    const ref = (person: AttioRecord | undefined) => ({
      target_object: 'people',
      target_record_id: person?.id.record_id,
    });
    const company = await harness.attio.records.create('companies', {
      domains: ['acme.example', 'acme.org'],
      team: [ref(one), ref(two)],
    });

    // Act: assert on domains with a new domain and a different team.
    const asserted = await harness.attio.records.assert('companies', 'domains', {
      domains: ['acme.example', 'acme.net'],
      team: [ref(three)],
    });

    // Assess
    expect(asserted.id.record_id).toBe(company.id.record_id);
    expect(domains(asserted).sort()).toEqual(['acme.example', 'acme.net', 'acme.org']);
    expect(currentValues(asserted, 'team').map((value) => value.target_record_id)).toEqual([three?.id.record_id]);
  });

  it('assert creates when nothing matches, and refuses a missing or non-unique matching attribute', async () => {
    const created = await harness.attio.records.assert('people', 'email_addresses', {
      email_addresses: ['new@example.com'],
    });
    expect(emailAddresses(created)).toEqual(['new@example.com']);
    expect(harness.simulator.control.records('people')).toHaveLength(1);
    await expect(harness.attio.records.assert('people', 'job_title', { job_title: 'x' })).rejects.toMatchObject({
      status: 400,
      code: 'matching_attribute_definition_not_unique',
    });
    await expect(harness.attio.records.assert('people', 'shoe_size', { job_title: 'x' })).rejects.toMatchObject({
      status: 400,
      code: 'value_not_found',
    });
  });

  it('refuses a unique value another record holds, on create and on update, with Attio message', async () => {
    const first = await harness.attio.records.create('people', { email_addresses: ['taken@example.com'] });
    const second = await harness.attio.records.create('people', { email_addresses: ['free@example.com'] });
    const onCreate = harness.attio.records.create('people', { email_addresses: ['TAKEN@example.com'] });
    const onUpdate = harness.attio.records.update(
      'people',
      second.id.record_id,
      { email_addresses: ['taken@example.com'] },
      'append',
    );
    await expect(onCreate).rejects.toMatchObject({
      status: 400,
      code: 'uniqueness_conflict',
      providerMessage: expect.stringContaining('conflicts with one already in the system'),
    });
    await expect(onUpdate).rejects.toMatchObject({ status: 400, code: 'uniqueness_conflict' });
    expect(emailAddresses((await harness.attio.records.get('people', second.id.record_id)) as AttioRecord)).toEqual([
      'free@example.com',
    ]);
    expect(first.id.record_id).not.toBe(second.id.record_id);
  });

  it('deletes a record: 200 with {}, then 404 not_found on read, update and a second delete', async () => {
    // Prepare
    const person = await harness.attio.records.create('people', { email_addresses: ['gone@example.com'] });
    const path = `/v2/objects/people/records/${person.id.record_id}`;

    // Act
    const deleted = await harness.raw('DELETE', path);

    // Assess
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({});
    await expect(harness.attio.records.get('people', person.id.record_id)).resolves.toBeUndefined();
    await expect(harness.attio.records.update('people', person.id.record_id, { job_title: 'x' })).rejects.toMatchObject(
      { status: 404, code: 'not_found' },
    );
    const again = await harness.raw('DELETE', path);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({
      status_code: 404,
      type: 'invalid_request_error',
      code: 'not_found',
      message: expect.stringContaining(person.id.record_id),
    });
  });

  it('merges two records into a new one whose id replaces both, the originals answering 404', async () => {
    // Prepare
    const a = await harness.attio.records.create('people', { email_addresses: ['a@example.com'], job_title: 'CTO' });
    const b = await harness.attio.records.create('people', { email_addresses: ['b@example.com'] });

    // Act
    const merged = await harness.raw('POST', '/v2/objects/people/records/merge', {
      body: { data: { primary_record_id: a.id.record_id, secondary_record_id: b.id.record_id } },
    });
    const newId = ((await merged.json()) as { data: { new_record_id: string } }).data.new_record_id;

    // Assess
    expect([a.id.record_id, b.id.record_id]).not.toContain(newId);
    const record = await harness.attio.records.get('people', newId);
    expect(emailAddresses(record as AttioRecord).sort()).toEqual(['a@example.com', 'b@example.com']);
    expect(textValue(record as AttioRecord, 'job_title')).toBe('CTO');
    await expect(harness.attio.records.get('people', a.id.record_id)).resolves.toBeUndefined();
    await expect(harness.attio.records.get('people', b.id.record_id)).resolves.toBeUndefined();
  });
});
