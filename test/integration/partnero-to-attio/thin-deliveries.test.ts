import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';
import type { WebhookPayloadShape } from '../../../simulators/partnero/present/webhook-payload-json';
import * as syncWorld from './sync-world';
import { captureServerForTheBlock, partneroToAttioWorld } from './world-per-file';

/**
 * Partnero documents partner.created's data only (`id, email, name, surname, created_at`); no
 * source shows customer, transaction or deletion payloads. The sync reads a delivery for the
 * record it names and reads the rest from Partnero, so it must work the same from the thinnest
 * delivery (the simulator's default) as from the full REST resource.
 */
describe('Partnero -> Attio from the record a delivery names', () => {
  const world = partneroToAttioWorld({
    beforeStop: (started) => started.partnero.control.configureDeliveries({ payloads: 'documented' }),
  });
  const capture = captureServerForTheBlock();

  it.each<WebhookPayloadShape>(['documented', 'full'])(
    'syncs a partner, a customer and a sale through updates, refund and deletions from %s payloads',
    async (payloads) => {
      // Prepare
      world.partnero.control.configureDeliveries({ payloads });
      const program = await syncWorld.connectProgram(world, syncWorld.customersOn);
      const control = world.partnero.control;

      // Act
      const partner = control.partners.create(program.programId, {
        email: `pat-${payloads}@example.com`,
        name: 'Pat',
        surname: 'Smith',
      });
      await syncWorld.settle(world);
      control.partners.update(program.programId, partner.id, { surname: 'Jones' });
      control.customers.create(program.programId, {
        key: `cust-${payloads}`,
        email: `carol-${payloads}@example.com`,
        name: 'Carol',
        partner: { id: partner.id },
      });
      await syncWorld.settle(world);
      control.transactions.create(program.programId, {
        key: `sale-${payloads}`,
        amount: 120,
        amount_units: 'USD',
        customer: { key: `cust-${payloads}` },
      });
      await syncWorld.settle(world);
      control.transactions.delete(program.programId, `sale-${payloads}`);
      control.customers.delete(program.programId, `cust-${payloads}`);
      await syncWorld.settle(world);
      control.partners.delete(program.programId, partner.id);
      await syncWorld.settle(world);

      // Assess
      const sale = control.deliveries({ programId: program.programId, event: 'transaction.created' })[0]?.payload as {
        data: object;
      };
      expect(Object.keys(sale.data).sort()).toEqual(
        payloads === 'documented'
          ? ['key', 'partner']
          : expect.arrayContaining(['amount', 'customer', 'key', 'partner', 'rewards']),
      );
      const people = syncWorld.recordsOf(world, program, 'people');
      const partnerPerson = people.find(
        (person) => syncWorld.textOf(person, syncAttributeSlugs.partnerId) === partner.id,
      );
      expect(syncWorld.valuesOf(partnerPerson, 'name')[0]).toMatchObject({ full_name: 'Pat Jones' });
      expect(syncWorld.valuesOf(partnerPerson, 'email_addresses').map((value) => value.email_address)).toContain(
        `pat-${payloads}@example.com`,
      );
      expect(syncWorld.textOf(partnerPerson, syncAttributeSlugs.partnerStatus)).toBe('deleted');
      const customerPerson = people.find(
        (person) => syncWorld.textOf(person, syncAttributeSlugs.customerKey) === `cust-${payloads}`,
      );
      expect(syncWorld.valuesOf(customerPerson, 'name')[0]).toMatchObject({ full_name: 'Carol' });
      expect(syncWorld.textOf(customerPerson, syncAttributeSlugs.customerStatus)).toBe('deleted');
      const [deal] = syncWorld.recordsOf(world, program, 'deals');
      expect(syncWorld.valuesOf(deal, 'value')[0]).toMatchObject({ currency_value: 120, currency_code: 'USD' });
      expect(syncWorld.valuesOf(deal, 'associated_people').map((value) => value.target_record_id)).toEqual([
        customerPerson?.id.record_id,
      ]);
      expect(syncWorld.textOf(deal, syncAttributeSlugs.transactionStatus)).toBe('refunded');
      const outcomes = (await syncWorld.auditOf(world, program.programId))
        .map((entry) => `${entry.sourceEvent}:${entry.outcome}`)
        .sort();
      expect(outcomes).toEqual(
        [
          'partner.created:applied',
          'partner.updated:applied',
          'partner.deleted:applied',
          'customer.created:applied',
          'customer.deleted:applied',
          'transaction.created:applied',
          'transaction.deleted:applied',
        ].sort(),
      );
    },
  );

  it('reads a sale whose delivery names its customer and partner as objects, and a partner event that carries only its id', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, { ...syncWorld.customersOn, webhookUrl: capture.url });
    const control = world.partnero.control;
    const partner = control.partners.create(program.programId, { email: 'obj@example.com', name: 'Obi' });
    control.customers.create(program.programId, {
      key: 'cust-obj',
      email: 'buyer-obj@example.com',
      name: 'Bo',
      partner: { id: partner.id },
    });
    control.transactions.create(program.programId, { key: 'sale-obj', amount: 10, customer: { key: 'cust-obj' } });
    const deliveries = [
      { event: 'partner.created', data: { id: partner.id } },
      {
        event: 'transaction.created',
        data: {
          key: 'sale-obj',
          customer: { key: 'cust-obj', email: 'buyer-obj@example.com' },
          partner: { id: partner.id },
        },
      },
    ].map((body) => JSON.stringify(body));

    // Act
    const answers = [];
    for (const body of deliveries)
      answers.push(
        await syncWorld.postToPartneroRoute(world, program.programId, body, hmacSha256Hex(body, program.webhookSecret)),
      );
    await world.stack.waitUntilIdle();

    // Assess
    expect(answers.map((answer) => [answer.status, JSON.parse(answer.body).accepted])).toEqual([
      [200, 1],
      [200, 1],
    ]);
    expect(syncWorld.recordsOf(world, program, 'deals')).toHaveLength(1);
    expect(
      syncWorld
        .recordsOf(world, program, 'people')
        .map((person) => syncWorld.textOf(person, syncAttributeSlugs.partnerId)),
    ).toContain(partner.id);
  });
});
