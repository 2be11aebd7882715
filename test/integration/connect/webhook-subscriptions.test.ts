import * as connect from './connect-world';

/**
 * Issue 13 item 11, through the local stack and the Attio simulator's filters: the program's
 * webhook subscribes to `record.updated` only for the attributes the sync reads, and a Save that
 * changes what it reads changes the subscriptions with it.
 */
describe('the Attio webhook delivers only the changes the sync reads', () => {
  let world: connect.ConnectWorld;

  beforeAll(async () => {
    world = await connect.startConnectWorld();
  }, 120_000);
  afterAll(async () => {
    await world.stop();
  });

  it('sends a deal’s stage change but not its name change; a person’s email only once customer sync is saved on', async () => {
    // Prepare
    const { programId } = await connect.registeredProgram(world, 'subs');
    const session = await connect.openSession(world, programId);
    await connect.connectAttio(world, programId, session);
    const [stageLead, stageWon] = world.attio.control.statuses('deals', 'stage', world.workspaceId);
    const api = connect.settingsApi(world, programId, session);
    const save = async (customersEnabled: boolean) => {
      const current = (await api.get('/settings')).json<{
        version: number;
        settings: { customers: Record<string, unknown>; deals: Record<string, unknown> };
      }>();
      const settings = {
        ...current.settings,
        customers: { ...current.settings.customers, enabled: customersEnabled },
        deals: { ...current.settings.deals, wonStageId: stageWon?.id },
      };
      const saved = await api.put('/settings', { version: current.version, settings });
      expect(`${saved.status} ${saved.text}`).toBe(`200 ${saved.text}`);
    };
    await save(false);
    const webhookId = (await world.programs.getAttioConnection(programId))?.webhookId;
    expect(webhookId).toEqual(expect.any(String));
    const delivered = () => world.attio.control.deliveries().filter((delivery) => delivery.webhookId === webhookId);
    const attributeIdsDelivered = (from: number) =>
      delivered()
        .slice(from)
        .flatMap(
          (delivery) =>
            (JSON.parse(delivery.body) as { events: { event_type: string; id: { attribute_id?: string } }[] }).events,
        )
        .filter((event) => event.event_type === 'record.updated')
        .map((event) => event.id.attribute_id);
    const members = world.attio.control.members(world.workspaceId);
    const deal = world.attio.control.createRecordAsMember(
      'deals',
      { name: 'Big one', stage: stageLead?.id, owner: members[0]?.email_address, value: 100 },
      { workspaceId: world.workspaceId },
    ) as { id: { record_id: string } };
    const person = world.attio.control.createRecordAsMember(
      'people',
      { email_addresses: ['first@example.com'] },
      { workspaceId: world.workspaceId },
    ) as { id: { record_id: string } };
    await world.attio.control.flushDeliveries();
    // A member overwrites the person's values in Attio, and Attio delivers its webhooks.
    const memberRewritesPerson = async (values: Record<string, unknown>) => {
      world.attio.control.updateRecordAsMember('people', person.id.record_id, values, {
        workspaceId: world.workspaceId,
        mode: 'overwrite',
      });
      await world.attio.control.flushDeliveries();
    };
    const attribute = async (object: string, slug: string) => {
      const answer = await fetch(`${world.attio.url}/v2/objects/${object}/attributes/${slug}`, {
        headers: { authorization: `Bearer ${world.attio.control.issueToken(world.workspaceId).token}` },
      });
      return ((await answer.json()) as { data: { id: { attribute_id: string } } }).data.id.attribute_id;
    };

    // Act 1: deals on, customers off: a member renames the deal, wins it, and edits the person.
    let from = delivered().length;
    world.attio.control.updateRecordAsMember(
      'deals',
      deal.id.record_id,
      { name: 'Bigger one' },
      { workspaceId: world.workspaceId },
    );
    world.attio.control.updateRecordAsMember(
      'deals',
      deal.id.record_id,
      { stage: stageWon?.id },
      { workspaceId: world.workspaceId },
    );
    await memberRewritesPerson({ email_addresses: ['second@example.com'], job_title: 'CTO' });

    // Assess 1: only the stage.
    expect(attributeIdsDelivered(from)).toEqual([await attribute('deals', 'stage')]);

    // Act 2: customer sync saved on; the member edits the person again.
    await save(true);
    from = delivered().length;
    await memberRewritesPerson({ email_addresses: ['third@example.com'], job_title: 'CEO' });

    // Assess 2: the email now, still not the job title.
    expect(attributeIdsDelivered(from)).toEqual([await attribute('people', 'email_addresses')]);
  }, 120_000);
});
