import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import {
  auditOf,
  connectProgram,
  partnersToCompanies,
  recordsOf,
  settle,
  startSyncWorld,
  textOf,
  valuesOf,
  type AttioRecordJson,
  type SyncWorld,
} from './sync-world';

/**
 * What the sales team adds to a synced record in Attio survives the next Partnero update: a
 * linked record is updated by its id with PATCH, which adds multiselect values and never
 * removes one (Attio's OpenAPI, PATCH /v2/objects/{object}/records/{record_id}), instead of an
 * assert, which sets every other multiselect attribute to exactly the list sent.
 */
describe('Partnero updates keep what the sales team added in Attio', () => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  const emailsOf = (record: AttioRecordJson | undefined) =>
    valuesOf(record, 'email_addresses')
      .map((value) => value.email_address)
      .sort();
  const domainsOf = (record: AttioRecordJson | undefined) =>
    valuesOf(record, 'domains')
      .map((value) => value.domain)
      .sort();

  it("keeps a partner person's second email, added by a sales rep, when the partner is updated in Partnero", async () => {
    // Prepare
    const program = await connectProgram(world);
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'pat@partners.test',
      name: 'Pat',
      surname: 'Lee',
    });
    await settle(world);
    const person = recordsOf(world, program, 'people').find(
      (record) => textOf(record, syncAttributeSlugs.partnerId) === partner.id,
    );
    world.attio.control.updateRecordAsMember(
      'people',
      person?.id.record_id as string,
      { email_addresses: ['pat.lee@home.test'] },
      { workspaceId: program.workspaceId },
    );
    // Act
    world.partnero.control.partners.update(program.programId, partner.id, { surname: 'Lee-Smith' });
    await settle(world);
    world.attio.control.resetRequestCounts();
    world.partnero.control.partners.update(program.programId, partner.id, { tags: ['vip'] });
    await settle(world);
    // Assess
    const after = recordsOf(world, program, 'people').find((record) => record.id.record_id === person?.id.record_id);
    expect(emailsOf(after)).toEqual(['pat.lee@home.test', 'pat@partners.test']);
    expect(valuesOf(after, 'name')[0]).toMatchObject({ full_name: 'Pat Lee-Smith' });
    expect(recordsOf(world, program, 'people')).toHaveLength(1);
    // Newest first: the unmapped change (tags) writes nothing, although the person holds an email Partnero never sent.
    expect((await auditOf(world, program.programId, `partner:${partner.id}`)).map((entry) => entry.outcome)).toEqual([
      'noop',
      'applied',
      'applied',
    ]);
    expect(Object.entries(world.attio.control.requestCounts()).filter(([, count]) => count.writes > 0)).toEqual([]);
  });

  it("keeps a partner company's second domain, added by a sales rep, when the partner is updated in Partnero", async () => {
    // Prepare
    const program = await connectProgram(world, { configure: partnersToCompanies });
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'owner@acme-partner.test',
      name: 'Acme',
      surname: 'Partners',
    });
    await settle(world);
    const company = recordsOf(world, program, 'companies').find(
      (record) => textOf(record, syncAttributeSlugs.partnerId) === partner.id,
    );
    world.attio.control.updateRecordAsMember(
      'companies',
      company?.id.record_id as string,
      { domains: ['acme-group.test'] },
      { workspaceId: program.workspaceId },
    );
    // Act
    world.partnero.control.partners.update(program.programId, partner.id, { surname: 'Partners Ltd' });
    await settle(world);
    // Assess
    const after = recordsOf(world, program, 'companies').find(
      (record) => record.id.record_id === company?.id.record_id,
    );
    expect(domainsOf(after)).toEqual(['acme-group.test', 'acme-partner.test']);
    expect(textOf(after, 'name')).toBe('Acme Partners Ltd');
  });

  it("keeps a customer person's second email when the customer is updated, and adds a changed Partnero email beside it", async () => {
    // Prepare
    const program = await connectProgram(world, { configure: (settings) => void (settings.customers.enabled = true) });
    const partner = world.partnero.control.partners.create(program.programId, { email: 'ref@partners.test' });
    world.partnero.control.customers.create(program.programId, {
      key: 'cust-1',
      email: 'bea@buyers.test',
      name: 'Bea',
      partner: { id: partner.id },
    });
    await settle(world);
    const person = recordsOf(world, program, 'people').find(
      (record) => textOf(record, syncAttributeSlugs.customerKey) === 'cust-1',
    );
    world.attio.control.updateRecordAsMember(
      'people',
      person?.id.record_id as string,
      { email_addresses: ['bea@work.test'] },
      { workspaceId: program.workspaceId },
    );
    // Act
    world.partnero.control.customers.update(program.programId, 'cust-1', { surname: 'Buyer' });
    await settle(world);
    world.partnero.control.customers.update(program.programId, 'cust-1', { email: 'bea.buyer@buyers.test' });
    await settle(world);
    // Assess
    const after = recordsOf(world, program, 'people').find((record) => record.id.record_id === person?.id.record_id);
    expect(emailsOf(after)).toEqual(['bea.buyer@buyers.test', 'bea@buyers.test', 'bea@work.test']);
    expect(valuesOf(after, 'name')[0]).toMatchObject({ full_name: 'Bea Buyer' });
  });
});
