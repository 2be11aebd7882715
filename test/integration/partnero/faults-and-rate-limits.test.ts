import { RateLimitedError, RetryableError } from '../../../shared/errors';
import { startPartneroSimulator } from '../../../simulators/partnero/partnero-simulator';
import { clientFor, programId, rawCall, rejectionOf, useSimulator } from './simulator-harness';

describe('Partnero simulator and client: faults and rate limits', () => {
  const world = useSimulator();

  it('passes one injected 429 on at once, without waiting or sending it again', async () => {
    // Prepare
    world.simulator.control.injectFault({ kind: '429', count: 1 });

    // Act
    const error = await rejectionOf(world.client.partners.create({ email: 'ann@example.com' }));

    // Assess
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(world.simulator.control.requestCounts()['/v1/partners']?.writes).toBe(1);
  });

  it('gives up with RateLimitedError carrying Retry-After when 429s persist', async () => {
    // Prepare
    world.simulator.control.injectFault({ kind: '429', count: 1, retryAfterSeconds: 120 });

    // Act
    const error = await rejectionOf(world.client.partners.create({ email: 'ann@example.com' }));

    // Assess
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
    expect(world.simulator.control.partners.list(programId)).toEqual([]);
  });

  it('makes an injected 500 a RetryableError without repeating the write', async () => {
    // Prepare
    world.simulator.control.injectFault({ kind: '500', route: 'POST /v1/transactions' });

    // Act
    const error = await rejectionOf(
      world.client.transactions.create({ key: 'deal_1', amount: 1, customer: { key: 'c' } }),
    );

    // Assess
    expect(error).toBeInstanceOf(RetryableError);
    expect(world.simulator.control.requestCounts()['/v1/transactions']).toEqual({ reads: 0, writes: 1 });
  });

  it('makes a request that never gets an answer a RetryableError after the client timeout', async () => {
    // Prepare
    world.simulator.control.injectFault({ kind: 'timeout' });
    const impatient = clientFor(world.simulator, 'pk_test_program_1', 200);

    // Act
    const startedAt = Date.now();
    const error = await rejectionOf(impatient.partners.find({ key: 'x' }));

    // Assess
    expect(error).toBeInstanceOf(RetryableError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
  });

  it('makes a dropped connection a RetryableError', async () => {
    // Prepare
    world.simulator.control.injectFault({ kind: 'drop' });

    // Act
    const error = await rejectionOf(world.client.partners.find({ key: 'x' }));

    // Assess
    expect(error).toBeInstanceOf(RetryableError);
  });

  it('applies a fault only to the next N requests of its route', async () => {
    // Prepare
    world.simulator.control.injectFault({ kind: '500', count: 2, route: 'GET /v1/partner' });

    // Act
    const statuses = [
      (await rawCall(world.simulator, 'GET', '/partners')).status,
      (await rawCall(world.simulator, 'GET', '/partner?key=x')).status,
      (await rawCall(world.simulator, 'GET', '/partner?key=x')).status,
      (await rawCall(world.simulator, 'GET', '/partner?key=x')).status,
    ];

    // Assess
    expect(statuses).toEqual([200, 500, 500, 404]);
  });

  it('answers 429 with Retry-After seconds once the configured per-key limit is used up', async () => {
    // Prepare
    world.simulator.control.setRateLimit({ requests: 2, windowMs: 60_000 });

    // Act
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await rawCall(world.simulator, 'GET', '/partners'));
    world.simulator.control.setRateLimit(undefined);

    // Assess
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(Number(statuses[2]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(statuses[2]?.json).toEqual({ message: 'Too Many Attempts.' });
  });

  it('counts the rate limit per API key', async () => {
    // Prepare
    const other = world.simulator.control.createProgram({ id: 'program_2', apiKey: 'pk_2' });
    world.simulator.control.setRateLimit({ requests: 1, windowMs: 60_000 });

    // Act
    const first = await rawCall(world.simulator, 'GET', '/partners');
    const otherKey = await rawCall(world.simulator, 'GET', '/partners', undefined, other.apiKey);
    world.simulator.control.setRateLimit(undefined);

    // Assess
    expect([first.status, otherKey.status]).toEqual([200, 200]);
  });

  it('passes the rate limit on with its short Retry-After instead of waiting it out', async () => {
    // Prepare
    const simulator = await startPartneroSimulator({
      rateLimit: { requests: 1, windowMs: 1_000 },
      programs: [{ apiKey: 'pk_limited' }],
    });
    const client = clientFor(simulator, 'pk_limited');

    try {
      // Act
      await client.partners.create({ email: 'a@example.com' });
      const second = await rejectionOf(client.partners.create({ email: 'b@example.com' }));

      // Assess
      expect(second).toBeInstanceOf(RateLimitedError);
      expect((second as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(1_000);
      expect(simulator.control.requestCounts()['/v1/partners']?.writes).toBe(2);
    } finally {
      await simulator.stop();
    }
  });
});
