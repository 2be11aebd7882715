import { syncPersonCustomer } from '../../../shared/attio-to-partnero/person-customer';
import { AttioEventBatch } from '../../../shared/attio-to-partnero/record-batch';
import { partneroRecordHash, partneroRecordIsOurEcho } from '../../../shared/sync/echo-suppression';
import { aPerson } from '../../unit/attio-to-partnero/attio-records';
import { setUp } from '../../unit/attio-to-partnero/sync-setup';
import { programId, useSimulator } from '../partnero/simulator-harness';

/**
 * The Partnero half of the echo hash: the Attio -> Partnero sync links a person with the hash of
 * what Partnero will hold after its update (saved before the write, so the customer.updated
 * webhook it causes is already recognised), and the customer Partnero answers afterwards, read
 * back over HTTP as the other direction reads it, hashes the same. Only the Partnero simulator
 * runs: the person comes from the in-memory Attio of the unit tests.
 */
describe('the echo hash survives a round trip through Partnero', () => {
  const world = useSimulator();

  it('links the person with the hash of its update, and the customer read back from Partnero hashes the same', async () => {
    // Prepare
    const { attio, links, settings, context } = setUp();
    const partner = world.simulator.control.partners.create(programId, { email: 'ann@example.com', key: 'ann-ref' });
    await world.client.customers.create({
      key: 'cust-1',
      email: 'ada@example.com',
      name: 'Ada',
      surname: 'Byron',
      partner: { id: partner.id },
    });
    attio.put(aPerson('person-1', { emails: ['ada@example.com'], firstName: 'Augusta', lastName: 'Lovelace' }));
    const mappings = settings.customers.fieldMappings;
    // Act
    const result = await syncPersonCustomer(
      { ...context(new AttioEventBatch()), partnero: world.client },
      'person-1',
      'sync',
    );
    const link = await links.findByAttioRecordId('p1', 'person-1', 'customer');
    const readBack = await world.client.customers.get('cust-1');
    // Assess
    expect(result.outcome).toBe('applied');
    expect(readBack).toMatchObject({ email: 'ada@example.com', name: 'Augusta', surname: 'Lovelace' });
    expect(link?.partneroWrittenHash).toBe(partneroRecordHash('customer', readBack, mappings));
    expect(partneroRecordIsOurEcho('upsert', link, readBack, mappings)).toBe(true);
    // A change made in Partnero afterwards is no echo of ours.
    await world.client.customers.update('cust-1', { surname: 'King' });
    expect(partneroRecordIsOurEcho('upsert', link, await world.client.customers.get('cust-1'), mappings)).toBe(false);
  });
});
