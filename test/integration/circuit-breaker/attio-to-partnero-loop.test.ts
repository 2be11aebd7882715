import { CIRCUIT_BREAKER_ENV } from '../../../shared/sync/circuit-breaker';
import { startAttioToPartneroHarness, type AttioToPartneroHarness } from '../attio-to-partnero/sync-harness';

const MAX_WRITES = 4;

/** Partnero customer writes (creates and updates) since the counts were last reset. */
function customerWrites(harness: AttioToPartneroHarness): number {
  return Object.entries(harness.partnero.control.requestCounts())
    .filter(([route]) => route.includes('/customers'))
    .reduce((sum, [, count]) => sum + count.writes, 0);
}

describe('the per-record circuit breaker, Attio -> Partnero', () => {
  let harness: AttioToPartneroHarness;
  beforeAll(async () => {
    process.env[CIRCUIT_BREAKER_ENV.maxWrites] = String(MAX_WRITES);
    harness = await startAttioToPartneroHarness('circuit-breaker');
  });
  afterAll(async () => {
    await harness?.stop();
    delete process.env[CIRCUIT_BREAKER_ENV.maxWrites];
  });

  it('stops updating the customer of a person changed in a loop while another person still syncs', async () => {
    // Prepare
    const looping = await harness.aBuyer('looping');
    const other = await harness.aBuyer('other');
    await harness.settle();
    harness.partnero.control.resetRequestCounts();
    const surnameOf = (customerKey: string) =>
      harness.partnero.control.customers
        .list(harness.partneroProgramId)
        .find((customer) => customer.key === customerKey)?.surname;
    const rename = (personId: string, surname: string) =>
      harness.attio.control.updateRecordAsMember('people', personId, {
        name: { first_name: 'Bea', last_name: surname, full_name: `Bea ${surname}` },
      });

    // Act: the looping person is renamed 8 times, each settled; the other person once at the end.
    const rounds = 8;
    for (let round = 1; round <= rounds; round += 1) {
      rename(looping.personId, `Loop${round}`);
      await harness.settle();
    }
    const writesOfTheLoop = customerWrites(harness);
    rename(other.personId, 'Other');
    await harness.settle();

    // Assess
    expect(writesOfTheLoop).toBe(MAX_WRITES);
    expect(surnameOf(looping.customerKey)).toBe(`Loop${MAX_WRITES}`);
    expect(customerWrites(harness)).toBe(MAX_WRITES + 1);
    expect(surnameOf(other.customerKey)).toBe('Other');
    const refused = (await harness.history(looping.personId)).filter((entry) => entry.outcome === 'rejected');
    expect(refused).toHaveLength(rounds - MAX_WRITES);
    for (const entry of refused)
      expect(entry.reason).toMatch(
        new RegExp(
          `^circuit open: attio:${looping.personId} was written about \\d+ times in the last 10 min \\(limit ${MAX_WRITES}\\)`,
        ),
      );
  });
});
