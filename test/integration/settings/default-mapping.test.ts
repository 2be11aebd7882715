import { connectAttio, openSession, registeredProgram, settingsApi } from '../connect/connect-world';
import { startSettingsWorld, type SettingsWorld } from './settings-world';

interface StoredPerson {
  id: { record_id: string };
  values: Record<string, { email_address?: string; full_name?: string; first_name?: string; last_name?: string }[]>;
}

/**
 * The service's own default mapping (email -> `email_addresses`, full name -> `name`) names two
 * of Attio's standard attributes, which Attio lists as system attributes and writable. Saved
 * through the settings API against the strict simulator, it must pass its own validation, bring
 * partners and customers to Attio with their name and email, and carry a person's change in
 * Attio back to the Partnero customer.
 */
describe('the default mapping against Attio’s standard (system) attributes', () => {
  let world: SettingsWorld;
  beforeAll(async () => {
    world = await startSettingsWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  const person = (email: string): StoredPerson | undefined =>
    (world.attio.control.records('people', world.workspaceId) as unknown as StoredPerson[]).find((candidate) =>
      (candidate.values.email_addresses ?? []).some((value) => value.email_address === email),
    );

  async function settle(): Promise<void> {
    await world.partnero.control.flushDeliveries();
    await world.attio.control.flushDeliveries();
    await world.stack.waitUntilIdle(30_000);
  }

  it('saves the default mapping, syncs partners and customers with name and email both ways, and still writes them once People require a name', async () => {
    // Prepare
    const { programId } = await registeredProgram(world, 'default-mapping');
    const session = await openSession(world, programId);
    const api = settingsApi(world, programId, session);
    await connectAttio(world, programId, session);
    const { version, settings } = (await api.get('/settings')).json<{
      version: number;
      settings: { customers: Record<string, unknown>; deals: Record<string, unknown> };
    }>();
    const stages = (await api.get('/attio/deal-stages')).json<{ stages: { id: string; title: string }[] }>().stages;
    const attributes = (await api.get('/attio/attributes?object=people')).json<{
      attributes: { slug: string; isSystem: boolean; isWritable: boolean }[];
    }>().attributes;
    const withChoices = {
      ...settings,
      customers: { ...settings.customers, enabled: true },
      deals: { ...settings.deals, wonStageId: stages.find((stage) => stage.title.startsWith('Won'))?.id },
    };

    // Act: the first Save, with the default field mappings untouched.
    const saved = await api.put('/settings', { version, settings: withChoices });

    // Assess
    expect(attributes.filter((attribute) => ['name', 'email_addresses'].includes(attribute.slug))).toEqual([
      expect.objectContaining({ slug: 'email_addresses', isSystem: true, isWritable: true }),
      expect.objectContaining({ slug: 'name', isSystem: true, isWritable: true }),
    ]);
    expect(saved.status).toBe(200);

    // Act: a partner and a customer created in Partnero.
    const partner = world.partnero.control.partners.create(programId, {
      email: 'grace@partners.example',
      name: 'Grace',
      surname: 'Hopper',
    });
    await settle();
    world.partnero.control.customers.create(programId, {
      key: 'cust-ada',
      email: 'ada@buyers.example',
      name: 'Ada',
      surname: 'Lovelace',
      partner: { id: partner.id },
    });
    await settle();

    // Assess
    expect(person('grace@partners.example')?.values.name?.[0]).toMatchObject({
      first_name: 'Grace',
      last_name: 'Hopper',
      full_name: 'Grace Hopper',
    });
    const customerPerson = person('ada@buyers.example');
    expect(customerPerson?.values.name?.[0]).toMatchObject({ full_name: 'Ada Lovelace' });

    // Act: a sales rep renames the customer's person in Attio.
    world.attio.control.updateRecordAsMember(
      'people',
      customerPerson?.id.record_id ?? '',
      { name: { first_name: 'Ada', last_name: 'King', full_name: 'Ada King' } },
      { workspaceId: world.workspaceId },
    );
    await settle();

    // Assess: the Partnero customer follows.
    expect(
      world.partnero.control.customers.list(programId).find((customer) => customer.key === 'cust-ada'),
    ).toMatchObject({ email: 'ada@buyers.example', name: 'Ada', surname: 'King' });

    // Act: an admin makes the People name required; the default mapping writes it, so partners still arrive.
    world.attio.control.setAttributeRequired('people', 'name', true, world.workspaceId);
    world.partnero.control.partners.create(programId, {
      email: 'alan@partners.example',
      name: 'Alan',
      surname: 'Turing',
    });
    await settle();

    // Assess
    expect(person('alan@partners.example')?.values.name?.[0]).toMatchObject({ full_name: 'Alan Turing' });
  });
});
