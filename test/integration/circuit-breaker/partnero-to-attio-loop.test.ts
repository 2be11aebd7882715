import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import { CIRCUIT_BREAKER_ENV } from '../../../shared/sync/circuit-breaker';
import {
  auditOf,
  connectProgram,
  recordsOf,
  settle,
  textOf,
  valuesOf,
  type SyncWorld,
} from '../partnero-to-attio/sync-world';
import { partneroToAttioWorld } from '../partnero-to-attio/world-per-file';

const MAX_WRITES = 6;

/** Attio record writes (asserts and patches) since the counts were last reset. */
function attioRecordWrites(world: SyncWorld): number {
  return Object.entries(world.attio.control.requestCounts())
    .filter(([route]) => route.includes('/records'))
    .reduce((sum, [, count]) => sum + count.writes, 0);
}

describe('the per-record circuit breaker, Partnero -> Attio', () => {
  // Declared before the world, so it runs before the world starts.
  beforeAll(() => {
    // Read by the worker at init: the handlers are loaded after this, in this file's module registry.
    process.env[CIRCUIT_BREAKER_ENV.maxWrites] = String(MAX_WRITES);
    process.env[CIRCUIT_BREAKER_ENV.windowMinutes] = '10';
  });
  // A long visibility timeout: on a loaded machine a 2 s one can expire mid-write and redeliver it,
  // adding a write this test would count as the breaker's.
  const world = partneroToAttioWorld({ visibilityTimeoutSeconds: 15 });
  // Declared after the world, so it runs once the world stopped.
  afterAll(() => {
    delete process.env[CIRCUIT_BREAKER_ENV.maxWrites];
    delete process.env[CIRCUIT_BREAKER_ENV.windowMinutes];
  });

  it('stops writing a record changed in a loop while other records keep flowing', async () => {
    // Prepare
    const program = await connectProgram(world);
    const looping = world.partnero.control.partners.create(program.programId, {
      email: 'loop@example.com',
      name: 'Loop',
      surname: 'Start',
    });
    const quiet = world.partnero.control.partners.create(program.programId, {
      email: 'quiet@example.com',
      name: 'Quiet',
      surname: 'Start',
    });
    await settle(world);
    world.attio.control.resetRequestCounts();
    const recordOf = (email: string) =>
      recordsOf(world, program, 'people').find(
        (person) => valuesOf(person, 'email_addresses')[0]?.email_address === email,
      );

    // Act: the looping partner changes 12 times, each change settled (so each is a write); the quiet one 3 times.
    const rounds = 12;
    let quietWritesMeant = 0;
    let writesAfterEachRound: number[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      world.partnero.control.partners.update(program.programId, looping.id, { surname: `Round${round}` });
      if (round % 4 === 0) {
        world.partnero.control.partners.update(program.programId, quiet.id, { surname: `Quiet${round}` });
        quietWritesMeant += 1;
      }
      await settle(world);
      writesAfterEachRound = [...writesAfterEachRound, attioRecordWrites(world)];
    }

    // Assess: MAX_WRITES updates were written (the create is not counted: it happens once per
    // link, see circuit-breaker-writes.ts), then nothing more of that record.
    const loopingAllowedUpdates = MAX_WRITES;
    expect(valuesOf(recordOf('loop@example.com'), 'name')[0]).toMatchObject({
      last_name: `Round${loopingAllowedUpdates}`,
    });
    expect(valuesOf(recordOf('quiet@example.com'), 'name')[0]).toMatchObject({ last_name: `Quiet${rounds}` });
    expect(textOf(recordOf('loop@example.com'), syncAttributeSlugs.partnerId)).toBe(looping.id);
    // From the round the circuit opened, Attio saw only the quiet partner's writes. Compared round by round, not as
    // a running total: on a loaded machine an earlier write may reach Attio twice at the HTTP level (the audit below
    // still shows one applied event per admitted write), which is not what this test is about.
    const writesPerRound = writesAfterEachRound.map((total, index) => total - (writesAfterEachRound[index - 1] ?? 0));
    const quietWritesIn = (round: number) => (round % 4 === 0 ? 1 : 0);
    expect(writesPerRound.slice(loopingAllowedUpdates)).toEqual(
      writesPerRound.slice(loopingAllowedUpdates).map((_, index) => quietWritesIn(loopingAllowedUpdates + index + 1)),
    );
    expect(writesPerRound.slice(0, loopingAllowedUpdates).every((writes) => writes >= 1)).toBe(true);
    expect(quietWritesMeant).toBe(3);

    const loopAudit = (await auditOf(world, program.programId, `partner:${looping.id}`)).reverse();
    const updates = loopAudit.filter((entry) => entry.sourceEvent === 'partner.updated');
    expect(updates.map((entry) => entry.outcome)).toEqual([
      ...Array<string>(loopingAllowedUpdates).fill('applied'),
      ...Array<string>(rounds - loopingAllowedUpdates).fill('rejected'),
    ]);
    for (const refused of updates.slice(loopingAllowedUpdates)) {
      expect(refused.reason).toMatch(
        new RegExp(
          `^circuit open: partner:${looping.id} was written about \\d+ times in the last 10 min \\(limit ${MAX_WRITES}\\)`,
        ),
      );
    }
    const quietAudit = await auditOf(world, program.programId, `partner:${quiet.id}`);
    expect(quietAudit.every((entry) => entry.outcome === 'applied')).toBe(true);
  });
});
