import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import type { WebhookPayloadShape } from '../../../simulators/partnero/present/webhook-payload-json';
import { auditOf, connectProgram, customersOn, recordsOf, settle, textOf, valuesOf } from './sync-world';
import { partneroToAttioWorld } from './world-per-file';

/**
 * An update whose delivery carries every mapped field and is newer than the link is applied
 * from the delivery, without reading Partnero (`shared/partnero-to-attio/delivered-record.ts`);
 * a thin one (Partnero's documented payload) still reads its record once. Counted at the
 * Partnero simulator, which counts every API request it answers.
 */
describe('Partnero reads for an update', () => {
  const world = partneroToAttioWorld({
    beforeStop: (started) => started.partnero.control.configureDeliveries({ payloads: 'documented' }),
  });

  const partneroReads = () =>
    Object.values(world.partnero.control.requestCounts()).reduce((sum, count) => sum + count.reads, 0);
  // Partnero's timestamps have whole seconds: an update in the creation's second has its version.
  const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100 - (Date.now() % 1_000)));

  it.each<[WebhookPayloadShape, number]>([
    ['full', 0],
    ['documented', 1],
  ])('of a partner and of a customer from %s payloads: %i read each', async (payloads, readsPerUpdate) => {
    // Prepare
    world.partnero.control.configureDeliveries({ payloads });
    const program = await connectProgram(world, customersOn);
    const control = world.partnero.control;
    const partner = control.partners.create(program.programId, {
      email: `reads-${payloads}@partners.test`,
      name: 'Pat',
      surname: 'Smith',
    });
    control.customers.create(program.programId, {
      key: `reads-${payloads}`,
      email: `reads-${payloads}@buyers.test`,
      name: 'Carol',
      partner: { id: partner.id },
    });
    await settle(world);
    await nextSecond();
    world.partnero.control.resetRequestCounts();
    // Act
    control.partners.update(program.programId, partner.id, { surname: 'Jones' });
    control.customers.update(program.programId, `reads-${payloads}`, { name: 'Caroline' });
    await settle(world);
    // Assess
    expect(partneroReads()).toBe(2 * readsPerUpdate);
    const people = recordsOf(world, program, 'people');
    const partnerPerson = people.find((person) => textOf(person, syncAttributeSlugs.partnerId) === partner.id);
    const customerPerson = people.find(
      (person) => textOf(person, syncAttributeSlugs.customerKey) === `reads-${payloads}`,
    );
    expect(valuesOf(partnerPerson, 'name')[0]).toMatchObject({ full_name: 'Pat Jones' });
    expect(valuesOf(customerPerson, 'name')[0]).toMatchObject({ full_name: 'Caroline' });
    const outcomes = (await auditOf(world, program.programId))
      .filter((entry) => entry.sourceEvent.endsWith('.updated'))
      .map((entry) => entry.outcome);
    expect(outcomes).toEqual(['applied', 'applied']);
  });
});
