import { syncPersonCustomer } from '../../../shared/attio-to-partnero/person-customer';
import { AttioEventBatch } from '../../../shared/attio-to-partnero/record-batch';
import { fingerprintOfAttioRecord } from '../../../shared/attio/record-fingerprint';
import { objectSchemaOf } from '../../../shared/attio/attio-schema';
import { partneroFingerprint } from '../../../shared/partnero/partnero-fingerprint';
import { syncedAttributeSlugs } from '../../../shared/attio/synced-attributes';
import { CircuitOpenError } from '../../../shared/sync/circuit-breaker';
import { aPerson } from './attio-records';
import { setUp } from './sync-setup';

function personScenario(adjust?: Parameters<typeof setUp>[0]) {
  const scenario = setUp(adjust);
  const sync = (workClass: 'sync' | 'deletion' = 'sync') =>
    syncPersonCustomer(scenario.context(new AttioEventBatch()), 'person-1', workClass);
  return { ...scenario, sync };
}

/** A person scenario whose customers name their referring partner in the `referred_by` attribute. */
function referringScenario() {
  return personScenario((settings) => (settings.customers.referringPartnerAttribute = 'referred_by'));
}

type Scenario = ReturnType<typeof personScenario>;

/** Partnero's customer cust-1 (ada@example.com, under partner-1) with the given surname. */
function addAdaCustomer(partnero: Scenario['partnero'], surname: string) {
  partnero.addCustomer({ key: 'cust-1', email: 'ada@example.com', name: 'Ada', surname, partner: 'partner-1' });
}

/** Attio's person-1, Ada, with the given last name and email. */
function putAda(attio: Scenario['attio'], lastName: string, email = 'ada@example.com') {
  attio.put(aPerson('person-1', { emails: [email], firstName: 'Ada', lastName }));
}

/** Attio's person-1, a new buyer who names partner-key-1 as the partner who referred them. */
function putNewBuyer(attio: Scenario['attio']) {
  attio.put(
    aPerson('person-1', {
      emails: ['new@example.com'],
      firstName: 'New',
      lastName: 'Buyer',
      referredBy: 'partner-key-1',
    }),
  );
}

describe('syncPersonCustomer', () => {
  it('updates the customer with the same email with the mapped fields and links the person to it', async () => {
    // Prepare
    const { attio, partnero, links, settings, sync } = personScenario();
    addAdaCustomer(partnero, 'Byron');
    putAda(attio, 'Lovelace');
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({
      outcome: 'applied',
      targetRecord: 'partnero:customer:cust-1',
      reason: expect.stringContaining('surname'),
    });
    expect(partnero.customerList[0]).toMatchObject({ name: 'Ada', surname: 'Lovelace' });
    const link = await links.findByAttioRecordId('p1', 'person-1', 'customer');
    expect(link).toMatchObject({ kind: 'customer', partneroId: 'cust-1' });
    expect(link?.partneroWrittenHash).toBe(
      partneroFingerprint('customer', partnero.customerList[0], settings.customers.fieldMappings),
    );
  });

  it("writes nothing to Partnero when the customer already holds the person's values", async () => {
    // Prepare
    const { attio, partnero, sync } = personScenario();
    addAdaCustomer(partnero, 'Lovelace');
    putAda(attio, 'Lovelace');
    // Act
    const result = await sync();
    // Assess
    expect(result.outcome).toBe('noop');
    expect(partnero.writes()).toEqual([]);
  });

  it("follows the link when the person's email changed in Attio, and updates the customer's email", async () => {
    // Prepare
    const { attio, partnero, sync } = personScenario();
    addAdaCustomer(partnero, 'Lovelace');
    putAda(attio, 'Lovelace');
    await sync();
    putAda(attio, 'Lovelace', 'ada@new.test');
    // Act
    const result = await sync();
    // Assess
    expect(result.outcome).toBe('applied');
    expect(partnero.customerList).toEqual([expect.objectContaining({ key: 'cust-1', email: 'ada@new.test' })]);
  });

  it('drops as an echo a person that still holds what the other direction wrote', async () => {
    // Prepare
    const { attio, partnero, links, settings, sync } = personScenario();
    const person = aPerson('person-1', { emails: ['ada@example.com'], firstName: 'Ada', lastName: 'Lovelace' });
    attio.put(person);
    partnero.addCustomer({ key: 'cust-1', email: 'someone-else@example.com', partner: 'partner-1' });
    const written = fingerprintOfAttioRecord(
      person.values,
      objectSchemaOf(attio.attributes.people ?? []),
      syncedAttributeSlugs('customer', settings),
    );
    await links.save({
      programId: 'p1',
      kind: 'customer',
      partneroId: 'cust-1',
      attioObject: 'people',
      attioRecordId: 'person-1',
      attioWrittenHash: written,
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: 'then',
    });
    // Act
    const result = await sync();
    // Assess
    expect(result.outcome).toBe('echo');
    expect(partnero.calls).toEqual([]);
  });

  it('judges a person who is both a partner and a customer by the customer link, whichever link was written last', async () => {
    // Prepare: partners map only the email, customers also the name; the sync wrote the customer, then the partner.
    const { attio, partnero, links, settings, sync } = personScenario((adjusted) => {
      adjusted.partners.fieldMappings = [{ partneroField: 'email', attioAttribute: 'email_addresses' }];
    });
    const schema = objectSchemaOf(attio.attributes.people ?? []);
    const asWritten = aPerson('person-1', { emails: ['ada@example.com'], firstName: 'Ada', lastName: 'Byron' });
    addAdaCustomer(partnero, 'Byron');
    const link = {
      programId: 'p1',
      attioObject: 'people',
      attioRecordId: 'person-1',
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: 'then',
    } as const;
    await links.save({
      ...link,
      kind: 'customer',
      partneroId: 'cust-1',
      attioWrittenHash: fingerprintOfAttioRecord(asWritten.values, schema, syncedAttributeSlugs('customer', settings)),
    });
    await links.save({
      ...link,
      kind: 'partner',
      partneroId: 'partner-1',
      attioWrittenHash: fingerprintOfAttioRecord(asWritten.values, schema, syncedAttributeSlugs('partner', settings)),
    });
    // Act: a member renames the person, which only the customer mapping carries.
    putAda(attio, 'Lovelace');
    const result = await sync();
    // Assess: not taken for the partner write's echo.
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'partnero:customer:cust-1' });
    expect(partnero.customerList[0]).toMatchObject({ surname: 'Lovelace' });
    await expect(links.findByAttioRecordId('p1', 'person-1', 'partner')).resolves.toMatchObject({
      partneroId: 'partner-1',
    });
  });

  it('keeps the hash of what Partnero holds when the circuit breaker refuses the update', async () => {
    // Prepare
    const scenario = personScenario();
    const { attio, partnero, links, settings } = scenario;
    addAdaCustomer(partnero, 'Byron');
    putAda(attio, 'Byron');
    await scenario.sync();
    const heldByPartnero = partneroFingerprint('customer', partnero.customerList[0], settings.customers.fieldMappings);
    putAda(attio, 'Lovelace');
    const context = scenario.context(new AttioEventBatch());
    const refusing = {
      ...context,
      partnero: {
        ...context.partnero,
        customers: {
          ...context.partnero.customers,
          update: () =>
            Promise.reject(new CircuitOpenError('p1', 'attio:person-1', 21, { maxWrites: 20, windowMinutes: 10 })),
        },
      },
    };
    // Act
    const refused = syncPersonCustomer(refusing, 'person-1', 'sync');
    // Assess
    await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
    expect(partnero.customerList[0]).toMatchObject({ surname: 'Byron' });
    await expect(links.findByAttioRecordId('p1', 'person-1', 'customer')).resolves.toMatchObject({
      partneroWrittenHash: heldByPartnero,
    });
  });

  it("creates a customer keyed by the person's record id when the person names a referring partner", async () => {
    // Prepare
    const { attio, partnero, sync } = referringScenario();
    putNewBuyer(attio);
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', targetRecord: 'partnero:customer:person-1' });
    expect(partnero.customerList).toEqual([
      expect.objectContaining({
        key: 'person-1',
        email: 'new@example.com',
        name: 'New',
        surname: 'Buyer',
        partner: 'partner-key-1',
      }),
    ]);
  });

  it('updates instead of duplicating when the customer it created before a crash already exists', async () => {
    // Prepare
    const { attio, partnero, sync } = referringScenario();
    partnero.addCustomer({ key: 'person-1', email: null, partner: 'partner-key-1' });
    putNewBuyer(attio);
    // Act
    const result = await sync();
    // Assess
    expect(result.outcome).toBe('applied');
    expect(partnero.customerList).toEqual([expect.objectContaining({ key: 'person-1', email: 'new@example.com' })]);
  });

  it('creates no customer without a referring partner, and says why', async () => {
    // Prepare
    const notConfigured = personScenario();
    const notNamed = referringScenario();
    for (const scenario of [notConfigured, notNamed])
      scenario.attio.put(aPerson('person-1', { emails: ['new@example.com'] }));
    // Act
    const withoutAttribute = await notConfigured.sync();
    const withoutValue = await notNamed.sync();
    // Assess
    expect(withoutAttribute).toMatchObject({
      outcome: 'skipped-by-settings',
      reason: expect.stringContaining('referring partner'),
    });
    expect(withoutValue).toMatchObject({
      outcome: 'noop',
      reason: expect.stringContaining('names no referring partner'),
    });
    expect([...notConfigured.partnero.writes(), ...notNamed.partnero.writes()]).toEqual([]);
  });

  it('rejects a person whose referring-partner reference is not a synced partner', async () => {
    // Prepare
    const { attio, partnero, sync } = referringScenario();
    attio.put(aPerson('person-1', { emails: ['new@example.com'], referredByRecord: 'unknown-record' }));
    // Act
    const result = await sync();
    // Assess
    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining('not a synced Partnero partner'),
    });
    expect(partnero.writes()).toEqual([]);
  });

  it("creates the customer for the partner a reference points to, through the partner's link", async () => {
    // Prepare
    const { attio, partnero, links, sync } = referringScenario();
    partnero.partners.add('partner-id-9');
    await links.save({
      programId: 'p1',
      kind: 'partner',
      partneroId: 'partner-id-9',
      attioObject: 'people',
      attioRecordId: 'partner-person',
      attioWrittenHash: null,
      partneroWrittenHash: null,
      partneroVersion: null,
      updatedAt: 'then',
    });
    attio.put(aPerson('person-1', { emails: ['new@example.com'], referredByRecord: 'partner-person' }));
    // Act
    const result = await sync();
    // Assess
    expect(result.outcome).toBe('applied');
    expect(partnero.customerList[0]).toMatchObject({ partner: 'partner-id-9' });
  });

  it('leaves customers alone when customer sync is off or the person was deleted', async () => {
    // Prepare
    const off = personScenario((settings) => (settings.customers.enabled = false));
    const deleted = personScenario();
    // Act & Assess
    await expect(off.sync()).resolves.toMatchObject({ outcome: 'skipped-by-settings' });
    await expect(deleted.sync('deletion')).resolves.toMatchObject({
      outcome: 'noop',
      reason: expect.stringContaining('leaves its Partnero customer'),
    });
    expect([...off.partnero.calls, ...deleted.partnero.calls]).toEqual([]);
  });
});
