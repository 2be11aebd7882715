import { currentValues, emailAddresses } from '../../../shared/attio';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/**
 * Attio's standard attributes are system attributes and writable (OpenAPI
 * `components.schemas.attribute`, docs standard-objects pages); required-ness applies to system
 * attributes too (deal `name`, `stage`, `owner`), and an admin can make any attribute required.
 */
describe('standard attributes of the Attio simulator', () => {
  let harness: AttioHarness;

  beforeEach(async () => {
    harness = await startAttioHarness();
  });
  afterEach(() => harness.stop());

  const flagsOf = async (object: string) =>
    Object.fromEntries(
      (await harness.attio.attributes.list(object)).map((attribute) => [
        attribute.api_slug,
        { system: attribute.is_system_attribute, writable: attribute.is_writable, required: attribute.is_required },
      ]),
    );

  it('lists every standard attribute as a system attribute, writable unless Attio says it is not', async () => {
    // Act
    const people = await flagsOf('people');
    const companies = await flagsOf('companies');
    const deals = await flagsOf('deals');

    // Assess
    const writable = { system: true, writable: true, required: false };
    const readOnly = { system: true, writable: false, required: false };
    expect(people).toMatchObject({
      name: writable,
      email_addresses: writable,
      job_title: writable,
      company: writable,
      record_id: readOnly,
      created_at: readOnly,
      created_by: readOnly,
      avatar_url: readOnly,
    });
    expect(companies).toMatchObject({ name: writable, domains: writable, team: writable, record_id: readOnly });
    expect(deals).toMatchObject({
      name: { system: true, writable: true, required: true },
      stage: { system: true, writable: true, required: true },
      owner: { system: true, writable: true, required: true },
      value: writable,
      associated_people: writable,
      associated_company: writable,
      created_by: readOnly,
    });
    expect(Object.values({ ...people, ...companies, ...deals }).every((flags) => flags.system === true)).toBe(true);
  });

  it('writes system attributes like any other, and refuses only the read-only ones', async () => {
    // Act
    const person = await harness.attio.records.create('people', {
      name: 'Lovelace, Ada',
      email_addresses: ['ada@example.com'],
    });
    const renamed = await harness.attio.records.update(
      'people',
      person.id.record_id,
      { name: { first_name: 'Ada', last_name: 'King', full_name: 'Ada King' } },
      'append',
    );
    const company = await harness.attio.records.assert('companies', 'domains', {
      domains: ['acme.example'],
      name: 'Acme',
    });
    const readOnly = await harness.raw('POST', '/v2/objects/people/records', {
      body: { data: { values: { avatar_url: 'https://example.com/a.png' } } },
    });

    // Assess
    expect(emailAddresses(person)).toEqual(['ada@example.com']);
    expect(currentValues(renamed, 'name')[0]?.full_name).toBe('Ada King');
    expect(currentValues(company, 'name')[0]?.value).toBe('Acme');
    expect(readOnly.status).toBe(400);
    expect(await readOnly.json()).toMatchObject({
      status_code: 400,
      type: 'invalid_request_error',
      code: 'immutable_value',
    });
    // created_by names the integration that created the record (docs standard-objects).
    expect(currentValues(person, 'created_by')[0]).toMatchObject({
      referenced_actor_type: harness.actor.type,
      referenced_actor_id: harness.actor.id,
      attribute_type: 'actor-reference',
    });
  });

  it('refuses a deal without its required system attributes with missing_value, and creates one that has them', async () => {
    // Prepare
    const [member] = harness.simulator.control.members();
    const owner = { referenced_actor_type: 'workspace-member', referenced_actor_id: member?.id.workspace_member_id };
    const stageId = (await harness.attio.attributes.get('deals', 'stage'))?.id.attribute_id;

    // Act
    const withoutStage = await harness.raw('POST', '/v2/objects/deals/records', {
      body: { data: { values: { name: 'Big', owner } } },
    });
    const complete = await harness.attio.records.create('deals', { name: 'Big', stage: 'Lead', owner });

    // Assess
    expect(withoutStage.status).toBe(400);
    expect(await withoutStage.json()).toEqual({
      status_code: 400,
      type: 'invalid_request_error',
      code: 'missing_value',
      message: `Required value for attribute with ID "${stageId ?? ''}" was not provided.`,
    });
    expect(currentValues(complete, 'stage')[0]?.status?.title).toBe('Lead');
  });

  it('requires only what a fresh workspace requires, until an admin makes a People attribute required', async () => {
    // Act: a fresh workspace takes a bare person.
    const bare = await harness.raw('POST', '/v2/objects/people/records', { body: { data: { values: {} } } });
    harness.simulator.control.setAttributeRequired('people', 'job_title', true);
    const afterRequired = await harness.raw('POST', '/v2/objects/people/records', {
      body: { data: { values: { email_addresses: ['bob@example.com'] } } },
    });
    const asserted = await harness.raw('PUT', '/v2/objects/people/records?matching_attribute=email_addresses', {
      body: { data: { values: { email_addresses: ['bob@example.com'] } } },
    });
    const withTitle = await harness.raw('POST', '/v2/objects/people/records', {
      body: { data: { values: { email_addresses: ['bob@example.com'], job_title: 'CTO' } } },
    });
    harness.simulator.control.setAttributeRequired('people', 'job_title', false);
    const optionalAgain = await harness.raw('POST', '/v2/objects/people/records', { body: { data: { values: {} } } });

    // Assess
    expect(bare.status).toBe(200);
    expect(afterRequired.status).toBe(400);
    expect(await afterRequired.json()).toMatchObject({ code: 'missing_value' });
    expect(asserted.status).toBe(400);
    expect(withTitle.status).toBe(200);
    expect((await harness.attio.attributes.get('people', 'job_title'))?.is_required).toBe(false);
    expect(optionalAgain.status).toBe(200);
  });

  it('seeds a workspace with required attributes, also over the control API', async () => {
    // Prepare
    const seeded = harness.simulator.control.createWorkspace({
      name: 'Strict',
      requiredAttributes: [{ object: 'people', attribute: 'name' }],
    });
    const strictToken = harness.simulator.control.issueToken(seeded.id).token;

    // Act
    const bare = await harness.raw('POST', '/v2/objects/people/records', {
      token: strictToken,
      body: { data: { values: { email_addresses: ['x@example.com'] } } },
    });
    const named = await harness.raw('POST', '/v2/objects/people/records', {
      token: strictToken,
      body: { data: { values: { email_addresses: ['x@example.com'], name: 'Xu, Li' } } },
    });
    const overHttp = await fetch(
      `${harness.simulator.url}/__sim/workspaces/default/objects/people/attributes/phone_numbers/required`,
      { method: 'PUT', body: JSON.stringify({ required: true }) },
    );

    // Assess
    expect(bare.status).toBe(400);
    expect(named.status).toBe(200);
    expect(overHttp.status).toBe(200);
    expect((await harness.attio.attributes.get('people', 'phone_numbers'))?.is_required).toBe(true);
  });
});
