import type { ProgramSettings } from '../../../shared/programs/program-settings';
import type { MappingPreview } from '../../../shared/settings/mapping-preview';
import * as connect from '../connect/connect-world';
import { referredBuyerAda, writesSoFar } from './settings-world';

/**
 * The preview before Save through the local stack: the settings API reads a real sample record
 * from the program's data in the Partnero simulator (and, on the Customers tab, a real person from
 * the Attio simulator), runs the sync's own planning on the unsaved mapping, and answers value by
 * value with the attribute or field it lands in and what would be refused and why. Nothing is
 * written to either side: both simulators count every write, and the saved settings stay as they were.
 */
describe('The mapping preview', () => {
  let world: connect.ConnectWorld;
  let programId: string;
  let api: ReturnType<typeof connect.settingsApi>;
  let stored: { settings: ProgramSettings; version: number };

  beforeAll(async () => {
    world = await connect.startConnectWorld();
    ({ programId } = await connect.registeredProgram(world, 'preview'));
    const session = await connect.openSession(world, programId);
    const connected = await connect.connectAttio(world, programId, session);
    if (connected.status !== 303) throw new Error(`connect answered ${connected.status}`);
    api = connect.settingsApi(world, programId, session);
    stored = (await api.get('/settings')).json();
    // The program's Partnero data: a partner, the customer it referred, that customer's sale.
    referredBuyerAda(world, programId);
    world.partnero.control.transactions.create(programId, {
      key: 'sale-1',
      amount: 120,
      customer: { key: 'cust-ada' },
    });
    // A person the sales team keeps in Attio with another surname than Partnero's customer.
    world.attio.control.createRecordAsMember(
      'people',
      {
        email_addresses: ['ada@buyers.test'],
        name: { first_name: 'Ada', last_name: 'Lovelace', full_name: 'Ada Lovelace' },
      },
      { workspaceId: world.workspaceId },
    );
    await world.partnero.control.flushDeliveries();
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function preview(tab: string, settings: ProgramSettings): Promise<MappingPreview> {
    const answer = await api.post('/preview', { tab, settings });
    expect(answer.status).toBe(200);
    return answer.json<MappingPreview>();
  }

  const unsaved = (): ProgramSettings => structuredClone(stored.settings);

  /** The preview's values to Attio, by attribute. */
  const toAttioByAttribute = (result: MappingPreview) =>
    Object.fromEntries(result.values.map((value) => [value.attribute, value]));

  /** The preview's values to Partnero, by field. */
  const toPartneroByField = (result: MappingPreview) =>
    Object.fromEntries((result.partnero?.values ?? []).map((value) => [value.field, value]));

  /** A value the preview would write to an attribute of that type, showing that text. */
  const aWrite = (type: string, showing: string) => ({
    outcome: 'write',
    type,
    write: expect.stringContaining(showing),
  });

  it('shows what the unsaved partner mapping would write to Attio, value by value, and refuses an attribute Attio lacks', async () => {
    // Prepare: two rows nobody saved, one to an attribute the people object does not have.
    const settings = unsaved();
    settings.partners.fieldMappings.push(
      { partneroField: 'status', attioAttribute: 'job_title' },
      { partneroField: 'referral_link', attioAttribute: 'no_such_attribute' },
    );
    const before = writesSoFar(world);
    // The counters see writes: connecting created the service's attributes, registering the Partnero webhook.
    expect(before.attio).toBeGreaterThan(0);
    expect(before.partnero).toBeGreaterThan(0);
    // Act
    const result = await preview('partners', settings);
    // Assess
    expect(result).toMatchObject({ tab: 'partners', object: 'people', sample: { kind: 'partner' }, partnero: null });
    const byAttribute = toAttioByAttribute(result);
    expect(byAttribute.email_addresses).toMatchObject(aWrite('email-address', 'pat@partners.test'));
    expect(byAttribute.name).toMatchObject(aWrite('personal-name', 'Partner'));
    expect(byAttribute.job_title).toMatchObject({ outcome: 'write', type: 'text' });
    expect(byAttribute.no_such_attribute).toMatchObject({
      outcome: 'refused',
      type: null,
      write: null,
      reason: expect.stringContaining('has no attribute no_such_attribute'),
    });
    expect(writesSoFar(world)).toEqual(before);
  });

  it('on the Customers tab shows both ways: the customer to Attio, and what the Attio person would change in Partnero', async () => {
    // Prepare: customers are off in the saved settings; the unsaved ones map tags and a field only Partnero sets.
    const settings = unsaved();
    settings.customers.enabled = true;
    settings.customers.fieldMappings.push({ partneroField: 'status', attioAttribute: 'job_title' });
    const before = writesSoFar(world);
    // Act
    const result = await preview('customers', settings);
    // Assess: to Attio, from Partnero's customer.
    expect(result).toMatchObject({ tab: 'customers', object: 'people', sample: { kind: 'customer', id: 'cust-ada' } });
    const toAttio = toAttioByAttribute(result);
    expect(toAttio.email_addresses).toMatchObject({
      outcome: 'write',
      write: expect.stringContaining('ada@buyers.test'),
    });
    expect(toAttio.name).toMatchObject({ outcome: 'write', write: expect.stringContaining('Byron') });
    // Assess: to Partnero, from the Attio person: only the surname differs; status belongs to Partnero.
    expect(result.partnero).toMatchObject({
      action: 'update',
      customer: 'cust-ada',
      sample: { object: 'people', email: 'ada@buyers.test' },
    });
    const toPartnero = toPartneroByField(result);
    expect(toPartnero.surname).toEqual({
      field: 'surname',
      attribute: 'name',
      write: '"Lovelace"',
      outcome: 'write',
      reason: null,
    });
    expect(toPartnero.name).toMatchObject({
      outcome: 'unchanged',
      write: null,
      reason: 'Partnero already holds "Ada"',
    });
    expect(toPartnero.email).toMatchObject({ outcome: 'unchanged' });
    expect(toPartnero.status).toMatchObject({
      outcome: 'refused',
      attribute: 'job_title',
      reason: expect.stringContaining('Partnero keeps status itself'),
    });
    expect(writesSoFar(world)).toEqual(before);
    expect(world.partnero.control.customers.list(programId)).toEqual([
      expect.objectContaining({ key: 'cust-ada', surname: 'Byron' }),
    ]);
  });

  it('refuses, with the reason, to create a Partnero customer for a person who names no referring partner', async () => {
    // Prepare: the Attio person now has an email Partnero does not know.
    const person = world.attio.control.records('people', world.workspaceId) as { id: { record_id: string } }[];
    const personId = person[0]?.id.record_id as string;
    world.attio.control.updateRecordAsMember(
      'people',
      personId,
      { email_addresses: ['ada@elsewhere.test'] },
      { workspaceId: world.workspaceId, mode: 'overwrite' },
    );
    const settings = unsaved();
    settings.customers.enabled = true;
    settings.customers.referringPartnerAttribute = 'job_title';
    const before = writesSoFar(world);
    // Act
    const result = await preview('customers', settings);
    // Assess
    expect(result.partnero).toMatchObject({
      action: 'none',
      customer: null,
      notes: [expect.stringContaining('names no referring partner in job_title')],
    });
    expect(result.partnero?.values.find((value) => value.field === 'email')).toMatchObject({
      outcome: 'refused',
      write: null,
      reason: expect.stringContaining('which Partnero requires'),
    });
    expect(writesSoFar(world)).toEqual(before);

    // Act: the person names the partner by email; the preview shows the customer that would be created.
    world.attio.control.updateRecordAsMember(
      'people',
      personId,
      { job_title: 'pat@partners.test' },
      { workspaceId: world.workspaceId },
    );
    const created = await preview('customers', settings);
    // Assess
    expect(created.partnero).toMatchObject({ action: 'create', customer: personId });
    const toPartnero = toPartneroByField(created);
    expect(toPartnero.key).toMatchObject({ outcome: 'write', write: JSON.stringify(personId) });
    expect(toPartnero.partner).toMatchObject({
      outcome: 'write',
      attribute: 'job_title',
      write: JSON.stringify({ email: 'pat@partners.test' }),
    });
    expect(toPartnero.email).toMatchObject({ outcome: 'write', write: '"ada@elsewhere.test"' });
    expect(writesSoFar(world)).toEqual(before);
    expect(world.partnero.control.customers.list(programId)).toHaveLength(1);
  });

  it('shows the deal a sale would make, refuses a new-deal stage Attio does not have, and leaves the saved settings as they were', async () => {
    // Prepare
    const settings = unsaved();
    settings.deals.newDealStageId = 'no-such-stage';
    const before = writesSoFar(world);
    // Act
    const result = await preview('deals', settings);
    // Assess
    expect(result).toMatchObject({
      tab: 'deals',
      object: 'deals',
      sample: { kind: 'transaction', id: 'sale-1' },
      partnero: null,
    });
    const byAttribute = toAttioByAttribute(result);
    expect(byAttribute.value).toMatchObject(aWrite('currency', '120'));
    expect(byAttribute.stage).toMatchObject({
      outcome: 'refused',
      write: null,
      reason: expect.stringContaining('(no-such-stage) is not an active stage in Attio'),
    });
    expect(byAttribute.owner).toMatchObject({ outcome: 'write' });
    expect(writesSoFar(world)).toEqual(before);
    expect(world.attio.control.records('deals', world.workspaceId)).toEqual([]);
    expect((await api.get('/settings')).json()).toEqual(stored);
  });
});
