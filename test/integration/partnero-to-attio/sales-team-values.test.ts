import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import {
  auditOf,
  connectProgram,
  createSyncedPartner,
  customersOn,
  partnersToCompanies,
  recordsOf,
  settle,
  textOf,
  valuesOf,
  type AttioRecordJson,
  type ConnectedProgram,
} from './sync-world';
import { partneroToAttioWorld } from './world-per-file';

/**
 * What the sales team adds to a synced record in Attio survives the next Partnero update: a
 * linked record is updated by its id with PATCH, which adds multiselect values and never
 * removes one (Attio's OpenAPI, PATCH /v2/objects/{object}/records/{record_id}), instead of an
 * assert, which sets every other multiselect attribute to exactly the list sent.
 */
describe('Partnero updates keep what the sales team added in Attio', () => {
  const world = partneroToAttioWorld();

  const emailsOf = (record: AttioRecordJson | undefined) =>
    valuesOf(record, 'email_addresses')
      .map((value) => value.email_address)
      .sort();
  const domainsOf = (record: AttioRecordJson | undefined) =>
    valuesOf(record, 'domains')
      .map((value) => value.domain)
      .sort();
  /** The record the sync wrote to an object for the Partnero id kept in `slug`. */
  const syncedRecord = (program: ConnectedProgram, object: string, slug: string, id: string) =>
    recordsOf(world, program, object).find((record) => textOf(record, slug) === id);
  /** A sales rep's edit of a record in the program's workspace, as a workspace member. */
  const editAsSalesRep = (
    program: ConnectedProgram,
    object: string,
    record: AttioRecordJson | undefined,
    values: Record<string, unknown>,
  ) =>
    world.attio.control.updateRecordAsMember(object, record?.id.record_id as string, values, {
      workspaceId: program.workspaceId,
    });
  /** A newly connected program, and a partner the sync wrote to `object` whose record a sales rep then edited with `salesValues`. */
  const partnerEditedBySales = async (
    object: string,
    partnerFields: Record<string, unknown>,
    salesValues: Record<string, unknown>,
    options?: Parameters<typeof connectProgram>[1],
  ) => {
    const program = await connectProgram(world, options);
    const partner = await createSyncedPartner(world, program, partnerFields);
    const record = syncedRecord(program, object, syncAttributeSlugs.partnerId, partner.id);
    editAsSalesRep(program, object, record, salesValues);
    return { program, partner, record };
  };
  /** The same record as the workspace holds it now. */
  const nowOf = (program: ConnectedProgram, object: string, record: AttioRecordJson | undefined) =>
    recordsOf(world, program, object).find((candidate) => candidate.id.record_id === record?.id.record_id);

  it("keeps a partner person's second email, added by a sales rep, when the partner is updated in Partnero", async () => {
    // Prepare
    const {
      program,
      partner,
      record: person,
    } = await partnerEditedBySales(
      'people',
      { email: 'pat@partners.test', name: 'Pat', surname: 'Lee' },
      { email_addresses: ['pat.lee@home.test'] },
    );
    // Act
    world.partnero.control.partners.update(program.programId, partner.id, { surname: 'Lee-Smith' });
    await settle(world);
    world.attio.control.resetRequestCounts();
    world.partnero.control.partners.update(program.programId, partner.id, { tags: ['vip'] });
    await settle(world);
    // Assess
    const after = nowOf(program, 'people', person);
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
    const {
      program,
      partner,
      record: company,
    } = await partnerEditedBySales(
      'companies',
      { email: 'owner@acme-partner.test', name: 'Acme', surname: 'Partners' },
      { domains: ['acme-group.test'] },
      { configure: partnersToCompanies },
    );
    // Act
    world.partnero.control.partners.update(program.programId, partner.id, { surname: 'Partners Ltd' });
    await settle(world);
    // Assess
    const after = nowOf(program, 'companies', company);
    expect(domainsOf(after)).toEqual(['acme-group.test', 'acme-partner.test']);
    expect(textOf(after, 'name')).toBe('Acme Partners Ltd');
  });

  it("keeps a customer person's second email when the customer is updated, and adds a changed Partnero email beside it", async () => {
    // Prepare
    const program = await connectProgram(world, customersOn);
    const partner = world.partnero.control.partners.create(program.programId, { email: 'ref@partners.test' });
    world.partnero.control.customers.create(program.programId, {
      key: 'cust-1',
      email: 'bea@buyers.test',
      name: 'Bea',
      partner: { id: partner.id },
    });
    await settle(world);
    const person = syncedRecord(program, 'people', syncAttributeSlugs.customerKey, 'cust-1');
    editAsSalesRep(program, 'people', person, { email_addresses: ['bea@work.test'] });
    // Act
    world.partnero.control.customers.update(program.programId, 'cust-1', { surname: 'Buyer' });
    await settle(world);
    world.partnero.control.customers.update(program.programId, 'cust-1', { email: 'bea.buyer@buyers.test' });
    await settle(world);
    // Assess
    const after = nowOf(program, 'people', person);
    expect(emailsOf(after)).toEqual(['bea.buyer@buyers.test', 'bea@buyers.test', 'bea@work.test']);
    expect(valuesOf(after, 'name')[0]).toMatchObject({ full_name: 'Bea Buyer' });
  });
});
