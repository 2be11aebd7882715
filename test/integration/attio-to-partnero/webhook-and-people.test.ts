import { randomUUID } from 'node:crypto';
import { hmacSha256Hex } from '../../../shared/webhooks/verify-signature';
import { signed, startAttioToPartneroHarness, type AttioToPartneroHarness } from './sync-harness';

/** The Attio route refuses what Attio did not sign; people changed in Attio reach their Partnero customers. */
describe('Attio -> Partnero: the webhook route and people', () => {
  let harness: AttioToPartneroHarness;

  beforeAll(async () => {
    harness = await startAttioToPartneroHarness('a2p-people');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  function aDeliveryFor(recordId: string): string {
    const workspaceId = harness.attio.control.defaultWorkspaceId;
    return JSON.stringify({
      webhook_id: 'forged-hook',
      events: [
        {
          event_type: 'record.updated',
          id: { workspace_id: workspaceId, object_id: 'deals', record_id: recordId, attribute_id: 'stage' },
          actor: { type: 'workspace-member', id: 'someone' },
        },
      ],
    });
  }

  it('refuses a forged or unsigned delivery, and nothing reaches the queue, the store or Partnero', async () => {
    // Prepare
    const body = aDeliveryFor('forged-deal');
    const requestsBefore = harness.partneroRequests();
    const receivedBefore = harness.stack.workers['attio-to-partnero']?.stats.messagesReceived;
    // Act
    const forged = await harness.deliver(body, {
      'attio-signature': hmacSha256Hex(body, 'not-the-secret'),
      'idempotency-key': randomUUID(),
    });
    const unsigned = await harness.deliver(body, { 'idempotency-key': randomUUID() });
    const tampered = await harness.deliver(
      body.replace('forged-deal', 'other-deal'),
      signed(body, harness.webhookSecret, randomUUID()),
    );
    await harness.settle();
    // Assess
    expect([forged.status, unsigned.status, tampered.status]).toEqual([401, 401, 401]);
    expect(harness.stack.workers['attio-to-partnero']?.stats.messagesReceived).toBe(receivedBefore);
    await expect(harness.history('forged-deal')).resolves.toEqual([]);
    await expect(harness.history('other-deal')).resolves.toEqual([]);
    expect(harness.partneroRequests()).toBe(requestsBefore);
  });

  it('answers 404 for a program that does not exist, before looking at the signature', async () => {
    // Prepare
    const body = aDeliveryFor('deal-of-nobody');
    // Act
    const response = await fetch(harness.webhookUrl.replace(harness.programId, 'no-such-program'), {
      method: 'POST',
      headers: signed(body, harness.webhookSecret, randomUUID()),
      body,
    });
    // Assess
    expect(response.status).toBe(404);
  });

  it('updates the Partnero customer with the same email when a person is changed in Attio', async () => {
    // Prepare
    const buyer = await harness.aBuyer('renamed');
    await harness.settle();
    // Act
    harness.attio.control.updateRecordAsMember('people', buyer.personId, {
      name: { first_name: 'Beatrice', last_name: 'Buyer-Smith', full_name: 'Beatrice Buyer-Smith' },
    });
    await harness.settle();
    // Assess
    const customer = harness.partnero.control.customers
      .list(harness.partneroProgramId)
      .find((candidate) => candidate.key === buyer.customerKey);
    expect(customer).toMatchObject({ email: buyer.email, name: 'Beatrice', surname: 'Buyer-Smith' });
    expect((await harness.history(buyer.personId)).at(-1)).toMatchObject({
      outcome: 'applied',
      targetRecord: `partnero:customer:${buyer.customerKey}`,
    });
  });

  it('makes no Partnero call when the service itself writes to a person', async () => {
    // Prepare
    const buyer = await harness.aBuyer('written-by-us');
    await harness.settle();
    const requestsBefore = harness.partneroRequests();
    // Act
    await harness.attioAsService.records.update('people', buyer.personId, {
      name: { first_name: 'Written', last_name: 'ByTheSync', full_name: 'Written ByTheSync' },
    });
    await harness.settle();
    // Assess
    expect(harness.partneroRequests()).toBe(requestsBefore);
    const customer = harness.partnero.control.customers
      .list(harness.partneroProgramId)
      .find((candidate) => candidate.key === buyer.customerKey);
    expect(customer).toMatchObject({ name: 'Bea', surname: 'Buyer' });
    expect((await harness.history(buyer.personId)).at(-1)).toMatchObject({ outcome: 'echo' });
  });
});
