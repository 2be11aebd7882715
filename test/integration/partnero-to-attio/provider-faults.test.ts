import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { FAILURE_REASON_ATTRIBUTE } from '../../../shared/queue/sync-message';
import { localSqsClient } from '../../support/local-aws-clients';
import { auditOf, connectProgram, customersOn, linkOf, recordsOf, settle, textOf, valuesOf } from './sync-world';
import { partneroToAttioWorld } from './world-per-file';

const assertRoute = 'PUT /v2/objects/{object}/records';

/**
 * Attio failing under the real worker: the queue's maxReceiveCount is 3 here, so a message
 * gets three receives; a storm longer than that is what the rate-limit requeue and the DLQ are for.
 */
describe('Partnero -> Attio under Attio faults', () => {
  // The visibility timeout is longer than a receive can take (the client waits out 429s inside a call), as in AWS where it is 6x the function timeout.
  const world = partneroToAttioWorld({ maxReceiveCount: 3, visibilityTimeoutSeconds: 10 });
  const sqs = localSqsClient();
  afterEach(() => world.attio.control.clearFaults());
  afterAll(() => sqs.destroy());

  it('rides out a storm of 429s longer than the receives a message has, and ends with one correct record', async () => {
    // Prepare
    const program = await connectProgram(world);
    // The client waits out 4 answers per receive; 14 throttled answers outlast 3 receives.
    world.attio.control.injectFault({ kind: '429', count: 14, route: assertRoute, retryAfterSeconds: 1 });
    world.attio.control.resetRequestCounts();
    // Act
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'storm@example.com',
      name: 'Stormy',
    });
    await settle(world, 60_000);
    // Assess
    const people = recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    expect(valuesOf(people[0], 'name')[0]).toMatchObject({ full_name: 'Stormy' });
    expect(world.attio.control.requestCounts()[assertRoute]?.writes).toBe(15);
    expect((await auditOf(world, program.programId, `partner:${partner.id}`)).map((entry) => entry.outcome)).toEqual([
      'applied',
    ]);
  });

  it('retries a short storm of 500s with backoff and applies the event once', async () => {
    // Prepare
    const program = await connectProgram(world, customersOn);
    const partner = world.partnero.control.partners.create(program.programId, { email: 'p500@example.com' });
    await settle(world);
    world.attio.control.injectFault({ kind: '500', count: 2, route: assertRoute });
    // Act
    world.partnero.control.customers.create(program.programId, {
      key: 'c500',
      email: 'c500@example.com',
      name: 'Cara',
      partner: { id: partner.id },
    });
    await settle(world, 60_000);
    // Assess
    const person = recordsOf(world, program, 'people').find(
      (candidate) => textOf(candidate, 'partnero_customer_key') === 'c500',
    );
    expect(valuesOf(person, 'name')[0]).toMatchObject({ full_name: 'Cara' });
    expect((await auditOf(world, program.programId, 'customer:c500')).map((entry) => entry.outcome)).toEqual([
      'applied',
    ]);
    expect(await linkOf(world, program.programId, 'customer', 'c500')).toMatchObject({
      attioRecordId: person?.id.record_id,
    });
  });

  it("records a refusal retrying cannot fix as rejected with Attio's message, after one call", async () => {
    // Prepare
    const program = await connectProgram(world, {
      configure: (settings) => {
        settings.partners.fieldMappings = [
          ...settings.partners.fieldMappings,
          { partneroField: 'status', attioAttribute: 'tier' },
        ];
      },
    });
    await program.attio.attributes.ensure('people', { title: 'Tier', api_slug: 'tier', type: 'select' });
    world.attio.control.resetRequestCounts();
    // Act
    const partner = world.partnero.control.partners.create(program.programId, { email: 'tier@example.com' });
    await settle(world);
    // Assess
    const [entry] = await auditOf(world, program.programId, `partner:${partner.id}`);
    expect(entry).toMatchObject({
      outcome: 'rejected',
      reason: 'attio answered 400 value_not_found: Cannot find select attribute with select option title "active".',
    });
    expect(world.attio.control.requestCounts()[assertRoute]?.writes).toBe(1);
    expect(recordsOf(world, program, 'people')).toHaveLength(0);
  });

  it('moves an event Attio keeps failing to the DLQ with its reason, and audits it as failed', async () => {
    // Prepare
    const program = await connectProgram(world);
    world.attio.control.injectFault({ kind: '500', count: 1_000, route: assertRoute });
    // Act
    const partner = world.partnero.control.partners.create(program.programId, { email: 'doomed@example.com' });
    await settle(world, 60_000);
    // Assess
    const dead = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: world.stack.resources.queues['partnero-to-attio'].deadLetterUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    const ours = (dead.Messages ?? []).filter((message) => message.Body?.includes(partner.id));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.MessageAttributes?.[FAILURE_REASON_ATTRIBUTE]?.StringValue).toBe(
      'RetryableError: attio answered 500 to PUT /v2/objects/people/records',
    );
    expect(
      (await auditOf(world, program.programId, `partner:${partner.id}`)).map((entry) => [
        entry.sourceEvent,
        entry.outcome,
      ]),
    ).toEqual([['partner.created', 'failed']]);
    expect(recordsOf(world, program, 'people')).toHaveLength(0);
  });
});
