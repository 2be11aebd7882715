import { PermanentError, ProviderHttpError } from '../../../shared/errors';
import type { PartneroWebhookDelivery } from '../../../shared/partnero/webhook-delivery-schema';
import { PartneroToAttioSync } from '../../../shared/partnero-to-attio/apply-partnero-event';
import { AttioSchemaCache } from '../../../shared/attio/attio-schema-cache';
import { partneroFingerprint } from '../../../shared/partnero/partnero-fingerprint';
import { readPartneroEvent } from '../../../shared/partnero-to-attio/partnero-event';
import type { SyncProgram } from '../../../shared/partnero-to-attio/sync-context';
import { defaultProgramSettings, type ProgramSettings } from '../../../shared/programs/program-settings';
import type { LinkedKind, RecordLink } from '../../../shared/sync/link-repository';
import { FakeAttio, FakePartnero, InMemoryLinks } from './fake-providers';
import { aCustomer, aDelivery, aPartner, aTransaction } from './partnero-deliveries';

function setUp(adjust: (settings: ProgramSettings) => void = () => undefined, links = new InMemoryLinks()) {
  const settings = defaultProgramSettings();
  adjust(settings);
  const attio = new FakeAttio();
  const partnero = new FakePartnero();
  const sync = new PartneroToAttioSync({
    links,
    schemas: new AttioSchemaCache(),
    now: () => new Date('2025-06-01T00:00:00Z'),
  });
  const program: SyncProgram = {
    programId: 'p1',
    settings,
    attio: { workspaceId: 'w1', authorizedByWorkspaceMemberId: 'member-who-connected' },
  };
  const apply = (delivery: PartneroWebhookDelivery, overrides: Partial<SyncProgram> = {}) =>
    sync.apply({ ...program, ...overrides }, readPartneroEvent(delivery), {
      attio: async () => attio,
      partnero: async () => partnero,
    });
  return { settings, attio, partnero, links, apply };
}

/** Links that count their saves and can answer one lookup as if the link were not saved yet (a race between two lanes). */
class LinksSeenLate extends InMemoryLinks {
  readonly saved: string[] = [];
  private readonly hidden = new Set<string>();

  hideOnce(key: string): void {
    this.hidden.add(key);
  }

  override async findByPartneroId(programId: string, kind: LinkedKind, partneroId: string) {
    if (this.hidden.delete(`${programId}/${kind}/${partneroId}`)) return undefined;
    return super.findByPartneroId(programId, kind, partneroId);
  }

  override async save(link: RecordLink): Promise<void> {
    this.saved.push(`${link.programId}/${link.kind}/${link.partneroId}`);
    return super.save(link);
  }
}

describe('PartneroToAttioSync: partners', () => {
  it('writes a new partner to People with one assert on its tag and links it with the hash of what reads back', async () => {
    // Prepare
    const { attio, partnero, links, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    // Act
    const result = await apply(aDelivery('partner.created', aPartner()));
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'attio:people:record-1' });
    expect(attio.writeCalls()).toEqual(['assert people on partnero_partner_id']);
    expect(attio.recordValue('people', 'record-1', 'email_addresses')).toEqual(['john.doe@partnero.com']);
    expect(attio.recordValue('people', 'record-1', 'partnero_source')).toBe('Partnero');
    expect(links.links.get('p1/partner/partner_123')).toMatchObject({
      attioObject: 'people',
      attioRecordId: 'record-1',
      partneroVersion: '2025-05-07T10:30:00.000000Z',
    });
    expect(links.links.get('p1/partner/partner_123')?.attioWrittenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a change that changes nothing mapped with a noop and no Attio call', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    partnero.partners.set(
      'partner_123',
      aPartner({ tags: [{ value: 'unmapped' }], updated_at: '2025-05-08T00:00:00.000000Z' }),
    );
    const callsBefore = attio.calls.length;
    // Act
    const result = await apply(aDelivery('partner.updated', aPartner({ updated_at: '2025-05-08T00:00:00.000000Z' })));
    // Assess
    expect(result).toMatchObject({ outcome: 'noop', targetRecord: 'attio:people:record-1' });
    expect(attio.calls.length).toBe(callsBefore);
  });

  it('writes a changed mapped field to the same record', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    partnero.partners.set('partner_123', aPartner({ surname: 'Smith', updated_at: '2025-05-08T00:00:00.000000Z' }));
    // Act
    const result = await apply(
      aDelivery('partner.updated', aPartner({ surname: 'Smith', updated_at: '2025-05-08T00:00:00.000000Z' })),
    );
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.records.people).toHaveLength(1);
    expect(attio.recordValue('people', 'record-1', 'name')).toEqual(['John', 'Smith']);
  });

  it('writes what Partnero holds now, not the late delivery of an older state', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner({ name: 'Johnny', updated_at: '2025-05-09T00:00:00.000000Z' }));
    // Act
    await apply(aDelivery('partner.updated', aPartner({ name: 'Jo', updated_at: '2025-05-08T00:00:00.000000Z' })));
    // Assess
    expect(attio.recordValue('people', 'record-1', 'name')).toEqual(['Johnny', 'Doe']);
  });

  it('calls a delivery older than the applied version stale and makes no call', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner({ updated_at: '2025-05-09T00:00:00.000000Z' }));
    await apply(aDelivery('partner.updated', aPartner({ updated_at: '2025-05-09T00:00:00.000000Z' })));
    const [attioCalls, partneroCalls] = [attio.calls.length, partnero.calls.length];
    // Act
    const result = await apply(aDelivery('partner.updated', aPartner({ updated_at: '2025-05-08T00:00:00.000000Z' })));
    // Assess
    expect(result.outcome).toBe('stale');
    expect([attio.calls.length, partnero.calls.length]).toEqual([attioCalls, partneroCalls]);
  });

  it('adopts a person the sales team created with the same email, tags it, and creates no duplicate', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    attio.seed('people', { email_addresses: ['john.doe@partnero.com', 'john@home.example'], job_title: 'CEO' });
    partnero.partners.set('partner_123', aPartner());
    // Act
    const result = await apply(aDelivery('partner.created', aPartner()));
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'attio:people:record-1' });
    expect(result.reason).toMatch(/adopted the existing record with the same email_addresses/);
    expect(attio.records.people).toHaveLength(1);
    expect(attio.recordValue('people', 'record-1', 'partnero_partner_id')).toBe('partner_123');
    expect(attio.recordValue('people', 'record-1', 'job_title')).toBe('CEO');
    // Adopted by its id with PATCH, not by asserting on the email: the sales team's second email stays.
    expect(attio.recordValue('people', 'record-1', 'email_addresses')).toEqual([
      'john.doe@partnero.com',
      'john@home.example',
    ]);
    expect(attio.writeCalls()).toEqual(['assert people on partnero_partner_id', 'update people record-1']);
  });

  it('updates a linked partner by its record id, keeping the email the sales team added in Attio', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    attio.addValue('people', 'record-1', 'email_addresses', ['john@home.example']);
    partnero.partners.set('partner_123', aPartner({ surname: 'Smith', updated_at: '2025-05-08T00:00:00.000000Z' }));
    attio.calls.length = 0;
    // Act
    const result = await apply(
      aDelivery('partner.updated', aPartner({ surname: 'Smith', updated_at: '2025-05-08T00:00:00.000000Z' })),
    );
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'attio:people:record-1' });
    expect(result.reason).toMatch(/updated by record id/);
    expect(attio.writeCalls()).toEqual(['update people record-1']);
    expect(attio.recordValue('people', 'record-1', 'email_addresses')).toEqual([
      'john.doe@partnero.com',
      'john@home.example',
    ]);
    expect(attio.recordValue('people', 'record-1', 'name')).toEqual(['John', 'Smith']);
  });

  it('still updates the name of a linked partner whose new email another person holds, and touches no other record', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    const other = attio.seed('people', { email_addresses: ['new@partnero.com'], job_title: 'CTO' });
    const changed = aPartner({
      email: 'new@partnero.com',
      surname: 'Smith',
      updated_at: '2025-05-08T00:00:00.000000Z',
    });
    partnero.partners.set('partner_123', changed);
    // Act
    const result = await apply(aDelivery('partner.updated', changed));
    // Assess
    expect(result.outcome).toBe('applied');
    expect(result.reason).toMatch(/email_addresses not written: another Attio record already holds the value/);
    expect(attio.recordValue('people', 'record-1', 'name')).toEqual(['John', 'Smith']);
    expect(attio.recordValue('people', other, 'partnero_partner_id')).toBeUndefined();
    // The email is still owed: the next event tries it again instead of calling the partner unchanged.
    expect((await apply(aDelivery('partner.updated', changed))).outcome).toBe('applied');
  });

  it('never adopts a person already tagged for another partner: a conflict, and that person is left as it is', async () => {
    // Prepare
    const { attio, partnero, links, apply } = setUp();
    const taken = attio.seed('people', {
      email_addresses: ['john.doe@partnero.com'],
      partnero_partner_id: 'partner_other',
    });
    partnero.partners.set('partner_123', aPartner());
    // Act
    const result = await apply(aDelivery('partner.created', aPartner()));
    // Assess
    expect(result).toMatchObject({ outcome: 'conflict', targetRecord: `attio:people:${taken}` });
    expect(result.reason).toMatch(/belongs to partner partner_other; partner partner_123 was not linked/);
    expect(attio.recordValue('people', taken, 'partnero_partner_id')).toBe('partner_other');
    expect(attio.writeCalls()).toEqual(['assert people on partnero_partner_id']);
    expect(links.links.get('p1/partner/partner_123')).toBeUndefined();
  });

  it('adopts a company by its domain when partners go to Companies', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp((settings) => {
      settings.partners.targetObject = 'companies';
      settings.partners.fieldMappings = [
        { partneroField: 'full_name', attioAttribute: 'name' },
        { partneroField: 'email_domain', attioAttribute: 'domains' },
      ];
    });
    attio.seed('companies', { domains: ['partnero.com'], name: 'Partnero Ltd' });
    partnero.partners.set('partner_123', aPartner());
    // Act
    const result = await apply(aDelivery('partner.created', aPartner()));
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.records.companies).toHaveLength(1);
    expect(attio.recordValue('companies', 'record-1', 'name')).toBe('John Doe');
  });

  it('keeps a deleted partner record in Attio and marks it deleted', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    partnero.partners.delete('partner_123');
    // Act
    const result = await apply(aDelivery('partner.deleted', aPartner({ status: 'deleted' })));
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'attio:people:record-1' });
    expect(attio.records.people).toHaveLength(1);
    expect(attio.recordValue('people', 'record-1', 'partnero_partner_status')).toBe('deleted');
    expect(attio.recordValue('people', 'record-1', 'email_addresses')).toEqual(['john.doe@partnero.com']);
  });

  it('shows an archived partner as archived and a rejected one as rejected', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    partnero.partners.set('partner_123', aPartner({ status: 'archived', updated_at: '2025-05-08T00:00:00.000000Z' }));
    // Act
    await apply(
      aDelivery('partner.archived', aPartner({ status: 'archived', updated_at: '2025-05-08T00:00:00.000000Z' })),
    );
    const archived = attio.recordValue('people', 'record-1', 'partnero_partner_status');
    partnero.partners.set(
      'partner_123',
      aPartner({ status: 'pending', approved: false, updated_at: '2025-05-09T00:00:00.000000Z' }),
    );
    await apply(
      aDelivery(
        'partner.rejected',
        aPartner({ status: 'pending', approved: false, updated_at: '2025-05-09T00:00:00.000000Z' }),
      ),
    );
    // Assess
    expect([archived, attio.recordValue('people', 'record-1', 'partnero_partner_status')]).toEqual([
      'archived',
      'rejected',
    ]);
  });

  it('creates nothing for the archive or deletion of a partner that never reached Attio', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner({ status: 'archived' }));
    // Act
    const archived = await apply(aDelivery('partner.archived', aPartner({ status: 'archived' })));
    partnero.partners.delete('partner_123');
    const deleted = await apply(aDelivery('partner.deleted', aPartner({ status: 'deleted' })));
    // Assess
    expect([archived.outcome, deleted.outcome]).toEqual(['noop', 'noop']);
    expect(attio.writeCalls()).toEqual([]);
  });

  it('calls an update of a partner Partnero no longer has stale', async () => {
    // Prepare
    const { attio, apply } = setUp();
    // Act
    const result = await apply(aDelivery('partner.updated', aPartner()));
    // Assess
    expect(result).toMatchObject({
      outcome: 'stale',
      reason: 'partner.updated: the partner no longer exists in Partnero',
    });
    expect(attio.writeCalls()).toEqual([]);
  });

  it('recognises the Partnero echo of a write by the Attio -> Partnero sync and writes nothing', async () => {
    // Prepare
    const { attio, partnero, links, settings, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    const changedInAttio = aPartner({ name: 'Jonathan', updated_at: '2025-05-08T00:00:00.000000Z' });
    const link = links.links.get('p1/partner/partner_123')!;
    await links.save({
      ...link,
      partneroWrittenHash: partneroFingerprint('partner', changedInAttio, settings.partners.fieldMappings),
    });
    partnero.partners.set('partner_123', changedInAttio);
    const callsBefore = attio.calls.length;
    // Act
    const result = await apply(aDelivery('partner.updated', changedInAttio));
    // Assess
    expect(result.outcome).toBe('echo');
    expect(attio.calls.length).toBe(callsBefore);
  });

  it('never takes a retirement for that echo: an archive whose mapped fields match the hash still shows the archived status', async () => {
    // Prepare
    const { attio, partnero, links, settings, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    await apply(aDelivery('partner.created', aPartner()));
    const archived = aPartner({ status: 'archived', updated_at: '2025-05-08T00:00:00.000000Z' });
    const link = links.links.get('p1/partner/partner_123')!;
    await links.save({
      ...link,
      partneroWrittenHash: partneroFingerprint('partner', archived, settings.partners.fieldMappings),
    });
    partnero.partners.set('partner_123', archived);
    // Act
    const result = await apply(aDelivery('partner.archived', archived));
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.recordValue('people', 'record-1', 'partnero_partner_status')).toBe('archived');
  });

  it('skips partners when partner sync is off, and everything while Attio is not connected, without any call', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp((settings) => {
      settings.partners.enabled = false;
    });
    partnero.partners.set('partner_123', aPartner());
    // Act
    const off = await apply(aDelivery('partner.created', aPartner()));
    const disconnected = await apply(aDelivery('transaction.created', aTransaction()), { attio: undefined });
    // Assess
    expect(off).toMatchObject({
      outcome: 'skipped-by-settings',
      reason: 'partner.created: partner sync is off for this program',
    });
    expect(disconnected).toMatchObject({
      outcome: 'skipped-by-settings',
      reason: 'transaction.created: the program has not connected Attio',
    });
    expect([attio.calls, partnero.calls]).toEqual([[], []]);
  });

  it('drops a cached schema when Attio refuses a write for a schema reason, so the next try reads it again', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.partners.set('partner_123', aPartner());
    const assertRecord = attio.assertRecord.bind(attio);
    let refusals = 1;
    attio.assertRecord = async (...args) => {
      if (refusals-- > 0)
        throw new ProviderHttpError(
          'attio',
          400,
          'value_not_found',
          'Cannot find attribute with slug "partnero_source".',
        );
      return assertRecord(...args);
    };
    await expect(apply(aDelivery('partner.created', aPartner()))).rejects.toThrow(PermanentError);
    // Act
    const result = await apply(aDelivery('partner.created', aPartner()));
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.calls.filter((call) => call === 'attributes people')).toHaveLength(2);
  });
});

describe('PartneroToAttioSync: customers', () => {
  const customersOn = (settings: ProgramSettings) => {
    settings.customers.enabled = true;
  };

  it('writes nothing at all while customer sync is off', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp();
    partnero.customers.set('customer_123', aCustomer());
    // Act
    const result = await apply(aDelivery('customer.created', aCustomer()));
    // Assess
    expect(result.outcome).toBe('skipped-by-settings');
    expect([attio.calls, partnero.calls]).toEqual([[], []]);
  });

  it('writes the customer person, which may be the same person as a partner', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp(customersOn);
    partnero.partners.set('partner_123', aPartner({ email: 'alice@brown.example' }));
    partnero.customers.set('customer_123', aCustomer());
    await apply(aDelivery('partner.created', aPartner({ email: 'alice@brown.example' })));
    // Act
    const result = await apply(aDelivery('customer.created', aCustomer()));
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'attio:people:record-1' });
    expect(attio.records.people).toHaveLength(1);
    expect(attio.recordValue('people', 'record-1', 'partnero_customer_key')).toBe('customer_123');
    expect(attio.recordValue('people', 'record-1', 'partnero_partner_id')).toBe('partner_123');
  });

  it('refuses a second customer whose email differs only in case: a conflict naming both, the first person and link untouched', async () => {
    // Prepare
    const { attio, partnero, links, apply } = setUp(customersOn);
    partnero.customers.set('customer_123', aCustomer());
    await apply(aDelivery('customer.created', aCustomer()));
    const second = aCustomer({ key: 'customer_456', partner: 'partner_456', email: 'Alice@Brown.example' });
    partnero.customers.set('customer_456', second);
    // Act
    const result = await apply(aDelivery('customer.created', second));
    // Assess
    expect(result).toMatchObject({ outcome: 'conflict', targetRecord: 'attio:people:record-1' });
    expect(result.reason).toMatch(/belongs to customer customer_123; customer customer_456 was not linked to it/);
    expect(attio.records.people).toHaveLength(1);
    expect(attio.recordValue('people', 'record-1', 'partnero_customer_key')).toBe('customer_123');
    expect(links.links.get('p1/customer/customer_456')).toBeUndefined();
    expect(await links.findByAttioRecordId('p1', 'record-1', 'customer')).toMatchObject({ partneroId: 'customer_123' });
  });

  it('refuses to adopt a person linked to another customer even when its tag was cleared in Attio', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp(customersOn);
    partnero.customers.set('customer_123', aCustomer());
    await apply(aDelivery('customer.created', aCustomer()));
    attio.addValue('people', 'record-1', 'partnero_customer_key', null);
    const second = aCustomer({ key: 'customer_456' });
    partnero.customers.set('customer_456', second);
    // Act
    const result = await apply(aDelivery('customer.created', second));
    // Assess
    expect(result.outcome).toBe('conflict');
    expect(result.reason).toMatch(/belongs to customer customer_123/);
    expect(attio.recordValue('people', 'record-1', 'partnero_customer_key')).toBeUndefined();
  });

  it('keeps a deleted customer person and marks it deleted', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp(customersOn);
    partnero.customers.set('customer_123', aCustomer());
    await apply(aDelivery('customer.created', aCustomer()));
    partnero.customers.delete('customer_123');
    // Act
    const result = await apply(
      aDelivery('customer.deleted', aCustomer({ deleted: true, deleted_at: '2025-06-01T00:00:00.000000Z' })),
    );
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.recordValue('people', 'record-1', 'partnero_customer_status')).toBe('deleted');
  });

  it('recognises the Partnero echo of a customer write by the Attio -> Partnero sync and writes nothing', async () => {
    // Prepare
    const { attio, partnero, links, settings, apply } = setUp(customersOn);
    partnero.customers.set('customer_123', aCustomer());
    await apply(aDelivery('customer.created', aCustomer()));
    const changedInAttio = aCustomer({ name: 'Alicia', updated_at: '2025-05-08T00:00:00.000000Z' });
    const link = links.links.get('p1/customer/customer_123')!;
    await links.save({
      ...link,
      partneroWrittenHash: partneroFingerprint('customer', changedInAttio, settings.customers.fieldMappings),
    });
    partnero.customers.set('customer_123', changedInAttio);
    const callsBefore = attio.calls.length;
    // Act
    const result = await apply(aDelivery('customer.updated', changedInAttio));
    // Assess
    expect(result.outcome).toBe('echo');
    expect(attio.calls.length).toBe(callsBefore);
  });

  // The partners' rule, now the customers' too (one sync for both): the Attio -> Partnero sync never deletes a customer.
  it('never takes a deletion for that echo: a customer.deleted that Partnero does not confirm is judged on the customer it still holds', async () => {
    // Prepare
    const { attio, partnero, links, settings, apply } = setUp(customersOn);
    partnero.customers.set('customer_123', aCustomer());
    await apply(aDelivery('customer.created', aCustomer()));
    const link = links.links.get('p1/customer/customer_123')!;
    await links.save({
      ...link,
      partneroWrittenHash: partneroFingerprint('customer', aCustomer(), settings.customers.fieldMappings),
    });
    const callsBefore = attio.calls.length;
    // Act
    const result = await apply(aDelivery('customer.deleted', aCustomer()));
    // Assess
    expect(result).toMatchObject({ outcome: 'noop', reason: 'customer.deleted changes nothing mapped' });
    expect(attio.calls.length).toBe(callsBefore);
  });

  it('creates nothing for the deletion of a customer that never reached Attio, even while Partnero still answers it', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp(customersOn);
    partnero.customers.set('customer_123', aCustomer());
    // Act
    const result = await apply(aDelivery('customer.deleted', aCustomer()));
    // Assess
    expect(result).toMatchObject({
      outcome: 'noop',
      reason: 'customer.deleted: the customer was never synced to Attio',
    });
    expect(attio.writeCalls()).toEqual([]);
  });

  it('writes a customer without email and leaves the emails of the person untouched', async () => {
    // Prepare
    const { attio, partnero, apply } = setUp(customersOn);
    partnero.customers.set('customer_123', aCustomer({ email: null }));
    // Act
    const result = await apply(aDelivery('customer.created', aCustomer({ email: null })));
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.recordValue('people', 'record-1', 'email_addresses')).toBeUndefined();
  });
});

describe('PartneroToAttioSync: deals', () => {
  function withSale(adjust?: (settings: ProgramSettings) => void) {
    const setup = setUp(adjust);
    setup.partnero.transactions.set('transaction_123', aTransaction());
    setup.partnero.customers.set('customer_123', aCustomer());
    return setup;
  }

  it('creates the deal of a sale: name, value, won stage, the connecting member as owner, and the linked buyer', async () => {
    // Prepare
    const { attio, apply } = withSale((settings) => {
      settings.customers.enabled = true;
    });
    await apply(aDelivery('customer.created', aCustomer()));
    // Act
    const result = await apply(aDelivery('transaction.created', aTransaction()));
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'attio:deals:record-2' });
    expect(attio.recordValue('deals', 'record-2', 'name')).toBe('Alice Brown — 99.99 USD');
    expect(attio.recordValue('deals', 'record-2', 'value')).toBe(99.99);
    expect(attio.recordValue('deals', 'record-2', 'stage')).toBe('Won 🎉');
    expect(attio.recordValue('deals', 'record-2', 'owner')).toBe('member-who-connected');
    expect(attio.recordValue('deals', 'record-2', 'associated_people')).toEqual(['record-1']);
  });

  it('syncs the buyer first when the sale overtakes its customer, so the deal still links the person', async () => {
    // Prepare
    const { attio, links, apply } = withSale((settings) => {
      settings.customers.enabled = true;
    });
    // Act
    const result = await apply(aDelivery('transaction.created', aTransaction()));
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.records.people).toHaveLength(1);
    expect(links.links.get('p1/customer/customer_123')?.attioRecordId).toBe('record-1');
    expect(attio.recordValue('deals', 'record-2', 'associated_people')).toEqual(['record-1']);
  });

  it("saves the buyer's link once when the customer's own event links it while the sale writes the person", async () => {
    // Prepare: the customer's event has linked its person, but the sale looked before it had.
    const links = new LinksSeenLate();
    const { attio, partnero, apply } = setUp((settings) => {
      settings.customers.enabled = true;
    }, links);
    partnero.transactions.set('transaction_123', aTransaction());
    partnero.customers.set('customer_123', aCustomer());
    await apply(aDelivery('customer.created', aCustomer()));
    links.hideOnce('p1/customer/customer_123');
    // Act
    const result = await apply(aDelivery('transaction.created', aTransaction()));
    // Assess
    expect(result.outcome).toBe('applied');
    expect(attio.records.people).toHaveLength(1);
    expect(links.saved.filter((key) => key === 'p1/customer/customer_123')).toHaveLength(1);
    expect(attio.recordValue('deals', 'record-2', 'associated_people')).toEqual(['record-1']);
  });

  it('with customer sync off, links an existing person by email and never creates one', async () => {
    // Prepare
    const first = withSale();
    const person = first.attio.seed('people', { email_addresses: ['alice@brown.example'] });
    const second = withSale();
    // Act
    await first.apply(aDelivery('transaction.created', aTransaction()));
    await second.apply(aDelivery('transaction.created', aTransaction()));
    // Assess
    expect(first.attio.recordValue('deals', 'record-2', 'associated_people')).toEqual([person]);
    expect(second.attio.records.people).toHaveLength(0);
    expect(second.attio.recordValue('deals', 'record-1', 'associated_people')).toBeUndefined();
  });

  it('owns deals by the configured member, in the configured stage', async () => {
    // Prepare
    const { attio, apply } = withSale((settings) => {
      settings.deals.ownerWorkspaceMemberId = 'member-sales';
      settings.deals.newDealStageId = 'stage-progress';
    });
    // Act
    await apply(aDelivery('transaction.created', aTransaction()));
    // Assess
    expect(attio.recordValue('deals', 'record-1', 'owner')).toBe('member-sales');
    expect(attio.recordValue('deals', 'record-1', 'stage')).toBe('In Progress');
  });

  it('answers the same sale again with a noop and no Attio call', async () => {
    // Prepare
    const { attio, apply } = withSale();
    await apply(aDelivery('transaction.created', aTransaction()));
    const callsBefore = attio.calls.length;
    // Act
    const result = await apply(aDelivery('transaction.created', aTransaction()));
    // Assess
    expect(result.outcome).toBe('noop');
    expect(attio.calls.length).toBe(callsBefore);
  });

  it('moves the deal of a refunded sale to Lost and marks it refunded, keeping the deal', async () => {
    // Prepare
    const { attio, apply } = withSale();
    await apply(aDelivery('transaction.created', aTransaction()));
    // Act
    const result = await apply(
      aDelivery('transaction.deleted', aTransaction({ deleted_at: '2025-06-01T00:00:00.000000Z' })),
    );
    // Assess
    expect(result).toMatchObject({
      outcome: 'applied',
      reason: 'transaction.deleted: deal moved to Lost and marked refunded; the record is kept',
    });
    expect(attio.records.deals).toHaveLength(1);
    expect(attio.recordValue('deals', 'record-1', 'stage')).toBe('Lost');
    expect(attio.recordValue('deals', 'record-1', 'partnero_transaction_status')).toBe('refunded');
    expect(attio.recordValue('deals', 'record-1', 'name')).toBe('Alice Brown — 99.99 USD');
  });

  it('opens no second deal for a sale made from a deal won in Attio, shows its commission there, and leaves its stage to sales on refund', async () => {
    // Prepare
    const { attio, links, apply } = withSale();
    const wonInAttio = attio.seed('deals', {
      name: 'Big deal',
      stage: { status: 'stage-progress' },
      partnero_transaction_key: 'transaction_123',
    });
    const linkedByTheOtherDirection = {
      programId: 'p1',
      kind: 'transaction',
      partneroId: 'transaction_123',
      attioObject: 'deals',
      attioRecordId: wonInAttio,
      attioWrittenHash: null,
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: 'x',
    } as const;
    await links.save(linkedByTheOtherDirection);
    // Act
    const sale = await apply(aDelivery('transaction.created', aTransaction()));
    const refund = await apply(
      aDelivery('transaction.deleted', aTransaction({ deleted_at: '2025-06-01T00:00:00.000000Z' })),
    );
    // Assess
    expect([sale.outcome, refund.outcome]).toEqual(['applied', 'applied']);
    expect(sale.reason).toContain('deal shows its commission (29.997 USD)');
    expect(attio.records.deals).toHaveLength(1);
    expect(attio.recordValue('deals', wonInAttio, 'stage')).toBe('In Progress');
    expect(attio.recordValue('deals', wonInAttio, 'partnero_transaction_status')).toBe('refunded');
    expect(attio.recordValue('deals', wonInAttio, 'partnero_commission_status')).toBe('reversed');
    expect(attio.recordValue('deals', wonInAttio, 'name')).toBe('Big deal');
    // Written as the sales team's deal: no hash of ours, so their next change is never taken for our echo.
    expect((await links.findByPartneroId('p1', 'transaction', 'transaction_123'))?.attioWrittenHash).toBeNull();
  });

  it('opens no deal for a sale refunded before its delivery was applied', async () => {
    // Prepare
    const { attio, partnero, apply } = withSale();
    partnero.transactions.delete('transaction_123');
    // Act
    const refund = await apply(
      aDelivery('transaction.deleted', aTransaction({ deleted_at: '2025-06-01T00:00:00.000000Z' })),
    );
    const sale = await apply(aDelivery('transaction.created', aTransaction()));
    // Assess
    expect([refund.outcome, sale.outcome]).toEqual(['noop', 'stale']);
    expect(attio.records.deals).toHaveLength(0);
  });

  it('leaves the value of a sale in another currency empty and says so', async () => {
    // Prepare
    const { attio, partnero, apply } = withSale();
    partnero.transactions.set('transaction_123', aTransaction({ amount: 100, amount_units: 'EUR' }));
    // Act
    const result = await apply(aDelivery('transaction.created', aTransaction({ amount: 100, amount_units: 'EUR' })));
    // Assess
    expect(result.reason).toContain('value left empty: the amount is in EUR, the attribute in USD');
    expect(attio.recordValue('deals', 'record-1', 'value')).toBeUndefined();
    expect(attio.recordValue('deals', 'record-1', 'partnero_currency')).toBe('EUR');
    expect(attio.recordValue('deals', 'record-1', 'name')).toBe('Alice Brown — 100.00 EUR');
  });

  it('refuses a deal without an owner to give it', async () => {
    // Prepare
    const { attio, apply } = withSale();
    // Act
    const attempt = apply(aDelivery('transaction.created', aTransaction()), {
      attio: { workspaceId: 'w1', authorizedByWorkspaceMemberId: null },
    });
    // Assess
    await expect(attempt).rejects.toThrow(/no deal owner/);
    expect(attio.writeCalls()).toEqual([]);
  });

  it('skips sales when deal sync is off', async () => {
    const { attio, apply } = withSale((settings) => {
      settings.deals.enabled = false;
    });
    expect((await apply(aDelivery('transaction.created', aTransaction()))).outcome).toBe('skipped-by-settings');
    expect(attio.calls).toEqual([]);
  });
});
