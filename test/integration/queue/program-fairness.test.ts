import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { LANES_PER_PROGRAM } from '../../../shared/queue/sync-queues';
import { localSqsClient } from '../../support/local-aws-clients';
import {
  connectProgram,
  recordsOf,
  settle,
  startSyncWorld,
  type ConnectedProgram,
  type SyncWorld,
} from '../partnero-to-attio/sync-world';

/**
 * The noisy neighbour, as behaviour: program A's workspace is flooded far beyond its Attio
 * write limit, then program B makes a few changes. B's changes must not queue behind A's
 * backlog: they are in Attio while most of A's flood still waits (its lanes hold at most
 * LANES_PER_PROGRAM of the worker's batches). How long B takes is measured by bench:fairness.
 */
describe('one flooded program and another', () => {
  const FLOOD = 24;
  const WRITES_PER_SECOND = 2;
  let world: SyncWorld;
  const sqs = localSqsClient();
  beforeAll(async () => {
    world = await startSyncWorld({ workerConcurrency: LANES_PER_PROGRAM + 4 });
  });
  afterAll(async () => {
    await world?.stop();
    sqs.destroy();
  });

  const people = (program: ConnectedProgram) => recordsOf(world, program, 'people').length;

  it("applies the other program's changes while the flooded one's backlog still waits, and loses or duplicates nothing of either", async () => {
    // Prepare: A's flood needs FLOOD / WRITES_PER_SECOND = 12 s of Attio's writes; Partnero retries
    // patiently, so that a slow answer of a loaded machine is not a delivery given up on
    world.partnero.control.configureDeliveries({
      retryDelaysMs: [500, 1_000, 2_000, 5_000, 10_000],
      timeoutMs: 10_000,
    });
    const flooded = await connectProgram(world);
    const neighbour = await connectProgram(world);
    world.attio.control.setRateLimits({ readsPerSecond: 100, writesPerSecond: WRITES_PER_SECOND });
    for (let index = 0; index < FLOOD; index += 1)
      world.partnero.control.partners.create(flooded.programId, {
        email: `a${index}@flood.test`,
        name: 'Ann',
        surname: `Flood ${index}`,
      });
    await world.partnero.control.flushDeliveries();
    // Act
    for (let index = 0; index < 3; index += 1)
      world.partnero.control.partners.create(neighbour.programId, {
        email: `b${index}@neighbour.test`,
        name: 'Ben',
        surname: `Neighbour ${index}`,
      });
    const deadline = Date.now() + 20_000;
    while (people(neighbour) < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const floodAppliedWhenNeighbourDone = people(flooded);
    await settle(world, 60_000);
    // Assess
    expect(world.partnero.control.deliveries().filter((delivery) => delivery.state !== 'delivered')).toEqual([]);
    expect(people(neighbour)).toBe(3);
    expect(floodAppliedWhenNeighbourDone).toBeLessThan(FLOOD / 2);
    expect(people(flooded)).toBe(FLOOD);
    const deadLetters = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: world.stack.resources.queues['partnero-to-attio'].deadLetterUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    expect(deadLetters.Attributes?.ApproximateNumberOfMessages).toBe('0');
  }, 90_000);
});
