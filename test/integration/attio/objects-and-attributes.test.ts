import { currentValues } from '../../../shared/attio';
import { startAttioHarness, type AttioHarness } from './attio-harness';

/** Objects, attributes, statuses and select options (attio-api.md §4). */
describe('objects and attributes of the Attio simulator', () => {
  let harness: AttioHarness;

  beforeEach(async () => {
    harness = await startAttioHarness();
  });
  afterEach(() => harness.stop());

  const attributeFlags = async (object: string) =>
    Object.fromEntries(
      (await harness.attio.attributes.list(object)).map((attribute) => [
        attribute.api_slug,
        `${attribute.type}${attribute.is_unique ? ' unique' : ''}${attribute.is_multiselect ? ' multi' : ''}${attribute.is_required ? ' required' : ''}`,
      ]),
    );

  it('has people, companies and deals with the standard attributes the sync relies on', async () => {
    expect((await harness.attio.objects.list()).map((object) => object.api_slug)).toEqual([
      'people',
      'companies',
      'deals',
    ]);
    expect(await attributeFlags('people')).toMatchObject({
      email_addresses: 'email-address unique multi',
      name: 'personal-name',
      company: 'record-reference',
      job_title: 'text',
    });
    expect(await attributeFlags('companies')).toMatchObject({
      domains: 'domain unique multi',
      name: 'text',
      team: 'record-reference multi',
    });
    expect(await attributeFlags('deals')).toMatchObject({
      name: 'text required',
      stage: 'status required',
      owner: 'actor-reference required',
      value: 'currency',
      associated_people: 'record-reference multi',
      associated_company: 'record-reference',
    });
    // Deals have no unique attribute by default, so they cannot be asserted.
    expect(Object.values(await attributeFlags('deals')).some((flags) => flags.includes('unique'))).toBe(false);
    await expect(harness.attio.records.assert('deals', 'name', { name: 'x' })).rejects.toMatchObject({
      code: 'matching_attribute_definition_not_unique',
    });
  });

  it('creates a custom object, found by slug or id, that takes records; a taken slug is a 409 slug_conflict', async () => {
    // Act
    const created = await harness.raw('POST', '/v2/objects', {
      body: { data: { api_slug: 'affiliates', singular_noun: 'Affiliate', plural_noun: 'Affiliates' } },
    });
    const { data } = (await created.json()) as { data: { id: { object_id: string }; api_slug: string } };
    const again = await harness.raw('POST', '/v2/objects', {
      body: { data: { api_slug: 'affiliates', singular_noun: 'Affiliate', plural_noun: 'Affiliates' } },
    });
    await harness.attio.attributes.create('affiliates', {
      title: 'Partner id',
      api_slug: 'partner_id',
      type: 'text',
      is_unique: true,
    });
    const record = await harness.attio.records.assert('affiliates', 'partner_id', { partner_id: 'p1', name: 'Jo' });

    // Assess
    expect(created.status).toBe(200);
    expect(data.api_slug).toBe('affiliates');
    expect((await harness.attio.objects.get(data.id.object_id)).api_slug).toBe('affiliates');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'slug_conflict' });
    expect(record.id.object_id).toBe(data.id.object_id);
    expect(await harness.attio.records.query('affiliates', { filter: { partner_id: 'p1' } })).toHaveLength(1);
  });

  it('creates attributes with the documented required fields and refuses a missing field, an unknown type or a taken slug', async () => {
    // Act
    const created = await harness.attio.attributes.create('deals', {
      title: 'Partnero key',
      api_slug: 'partnero_key',
      type: 'text',
      is_unique: true,
      description: 'Our key',
    });
    const missing = await harness.raw('POST', '/v2/objects/deals/attributes', {
      body: { data: { title: 'x', api_slug: 'x', type: 'text' } },
    });
    const unknownType = await harness.raw('POST', '/v2/objects/deals/attributes', {
      body: {
        data: {
          title: 'x',
          api_slug: 'x',
          type: 'colour',
          description: null,
          is_required: false,
          is_unique: false,
          is_multiselect: false,
          config: {},
        },
      },
    });

    // Assess
    expect(created).toMatchObject({
      api_slug: 'partnero_key',
      type: 'text',
      is_unique: true,
      description: 'Our key',
      is_archived: false,
    });
    expect((await harness.attio.attributes.get('deals', created.id.attribute_id))?.api_slug).toBe('partnero_key');
    expect(missing.status).toBe(400);
    expect(unknownType.status).toBe(400);
    await expect(
      harness.attio.attributes.create('deals', { title: 'Again', api_slug: 'partnero_key', type: 'text' }),
    ).rejects.toMatchObject({ status: 409, code: 'slug_conflict' });
    await expect(harness.attio.attributes.list('planets')).rejects.toMatchObject({ status: 404 });
  });

  it('lists deal stages as statuses, refuses statuses of an attribute that has none, and never auto-creates a stage', async () => {
    const stages = await harness.attio.attributes.statuses('deals', 'stage');
    expect(stages.map((stage) => stage.title)).toEqual(['Lead', 'In Progress', 'Won 🎉', 'Lost']);
    expect(stages.find((stage) => stage.title === 'Won 🎉')?.celebration_enabled).toBe(true);
    await expect(harness.attio.attributes.statuses('people', 'name')).rejects.toMatchObject({ status: 404 });
    const [member] = harness.simulator.control.members();
    const deal = await harness.attio.records.create('deals', {
      name: 'd',
      stage: stages[2]?.id.status_id,
      owner: member?.email_address,
    });
    expect(currentValues(deal, 'stage')[0]?.status?.title).toBe('Won 🎉');
    await expect(
      harness.attio.records.update('deals', deal.id.record_id, { stage: 'Negotiation' }),
    ).rejects.toMatchObject({ code: 'value_not_found' });
    expect(await harness.attio.attributes.statuses('deals', 'stage')).toHaveLength(4);
  });

  it('creates select options that records take by title or id; an unknown title is 400 value_not_found', async () => {
    // Prepare
    await harness.attio.attributes.create('companies', {
      title: 'Source',
      api_slug: 'source',
      type: 'select',
      is_multiselect: true,
    });

    // Act
    const partnero = await harness.attio.attributes.createSelectOption('companies', 'source', 'Partnero');
    await harness.attio.attributes.createSelectOption('companies', 'source', 'Website');
    const company = await harness.attio.records.create('companies', {
      source: ['Website', { option: partnero.id.option_id }],
    });

    // Assess
    expect((await harness.attio.attributes.selectOptions('companies', 'source')).map((option) => option.title)).toEqual(
      ['Partnero', 'Website'],
    );
    await expect(harness.attio.attributes.createSelectOption('companies', 'source', 'Partnero')).rejects.toMatchObject({
      status: 409,
      code: 'slug_conflict',
    });
    expect(currentValues(company, 'source').map((value) => value.option?.title)).toEqual(['Website', 'Partnero']);
    await expect(harness.attio.records.create('companies', { source: ['Referral'] })).rejects.toMatchObject({
      status: 400,
      code: 'value_not_found',
    });
  });

  it('lists workspace members and answers /v2/self unwrapped, without a data envelope', async () => {
    const members = await harness.attio.workspaceMembers();
    expect(members.map((member) => member.email_address)).toEqual(['ada@example.com']);
    const self = (await (await harness.raw('GET', '/v2/self')).json()) as Record<string, unknown>;
    expect(self).not.toHaveProperty('data');
    expect(self).toMatchObject({ active: true, workspace_id: harness.simulator.control.defaultWorkspaceId });
  });
});
